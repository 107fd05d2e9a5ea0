package io.textclf.modelexchange.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.predict.Prediction;
import io.textclf.domain.predict.ScoredLabel;
import io.textclf.domain.predict.TextClassifier;
import io.textclf.domain.reference.ReferenceBackend;
import io.textclf.domain.text.BasicEnglishTokenizer;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.modelexchange.json.JsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A model trained by the tutorial's code in PyTorch 1.13 ({@code src/test/resources/pytorch/make_fixture.py})
 * predicts in textclf what it predicted in PyTorch.
 */
class PyTorchFixtureTest {

    static final Path FIXTURE = Path.of("src/test/resources/pytorch");

    @Test
    void importedModelGivesPyTorchsProbabilities() throws Exception {
        ImportedModel imported = PyTorchImport.read(FIXTURE.resolve("tutorial_model.safetensors"),
                Optional.of(FIXTURE.resolve("itos.txt")), Optional.of(FIXTURE.resolve("classes.txt")));
        assertEquals(List.of("World", "Sports", "Business", "Sci/Tech"), imported.labels());
        assertEquals(0, imported.vocabulary().defaultIndex());
        assertEquals(PipelineSpec.tutorial(), imported.pipeline());
        List<String> lines = Files.readAllLines(FIXTURE.resolve("expected.jsonl"));
        double worst = 0;
        try (TextClassifier classifier = new TextClassifier(new BasicEnglishTokenizer(), imported.vocabulary(),
                imported.labels(), new ReferenceBackend().inference(imported.parameters()))) {
            for (String line : lines) {
                Map<?, ?> expected = (Map<?, ?>) JsonReader.parse(line);
                List<?> probabilities = (List<?>) expected.get("probabilities");
                Prediction prediction = classifier.predict((String) expected.get("text"), probabilities.size());
                for (ScoredLabel scored : prediction.labels()) {
                    double pytorch = ((Number) probabilities.get(scored.index())).doubleValue();
                    worst = Math.max(worst, Math.abs(scored.probability() - pytorch));
                }
            }
        }
        assertEquals(63, lines.size());
        assertTrue(worst <= 1e-6, "largest difference " + worst);
        System.out.printf("textclf vs PyTorch 1.13 on %d texts: max |p difference| %.3g%n", lines.size(), worst);
    }
}
