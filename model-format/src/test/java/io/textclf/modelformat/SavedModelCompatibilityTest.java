package io.textclf.modelformat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.predict.Prediction;
import io.textclf.domain.predict.TextClassifier;
import io.textclf.domain.reference.ReferenceBackend;
import io.textclf.domain.text.BasicEnglishTokenizer;
import io.textclf.domain.text.PipelineSpec;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model file written by textclf 0.1.0 (format version 1) keeps loading and predicting the same
 * probabilities in every later version. The file was made with
 * {@code textclf train --data ag_news_mini --max-tokens 400 --embed-dim 8 --epochs 5}; never regenerate
 * it: add a new file when the format changes.
 */
class SavedModelCompatibilityTest {

    @Test
    void formatVersionOneStillLoadsAndPredictsTheRecordedProbabilities() throws URISyntaxException {
        Path file = Path.of(getClass().getResource("/models/format-v1-ag-news-mini.textclf").toURI());
        ModelArtifact artifact = new ModelFileStore().load(file);
        assertEquals(400, artifact.vocabulary().size());
        assertEquals(List.of("World", "Sports", "Business", "Sci/Tech"), artifact.labels());
        assertEquals(0.5675, artifact.metrics().testAccuracy());
        assertEquals(5, artifact.metrics().epochs().size());
        assertEquals(PipelineSpec.tutorial(), artifact.pipeline());
        try (TextClassifier classifier = new TextClassifier(new BasicEnglishTokenizer(), artifact.vocabulary(),
                artifact.labels(), new ReferenceBackend().inference(artifact.parameters()))) {
            List<Prediction> predictions = classifier.predict(List.of(
                    "Stocks slid as oil prices jumped to a record high", "The Yankees beat the Red Sox on Sunday", ""), 4);
            assertEquals("Business", predictions.get(0).top().label());
            assertEquals(0.7486890956622981, predictions.get(0).top().probability());
            assertEquals("Sports", predictions.get(1).top().label());
            assertEquals(0.9665266253268422, predictions.get(1).top().probability());
            assertEquals(List.of("Business", "World", "Sci/Tech", "Sports"),
                    predictions.get(2).labels().stream().map(l -> l.label()).toList());
            assertEquals(0.4015623132131581, predictions.get(2).top().probability());
        }
    }
}
