package io.textclf.application.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.textclf.application.TestData;
import io.textclf.application.TextclfModule;
import io.textclf.application.config.TextclfConfig;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.evaluate.EvaluateRequest;
import io.textclf.application.evaluate.EvaluateUseCase;
import io.textclf.application.predict.ClassifierLoader;
import io.textclf.application.predict.LoadedClassifier;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.text.WordNgrams;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.modelformat.ModelFileStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --ngrams 2 --threads 2} on ag_news_mini: recorded in the model file, applied at predict and evaluate. */
class WordNgramsTrainingTest {

    @TempDir
    Path dir;

    @Test
    void bigramsTrainOnTwoThreadsAndTravelWithTheModel() {
        Injector injector = Guice.createInjector(new TextclfModule(TextclfConfig.defaults()));
        WordNgrams bigrams = new WordNgrams(2, 50_000);
        TrainingReport report = injector.getInstance(TrainUseCase.class).train(new TrainRequest(
                TestData.agNewsMini().toString(), TrainingSettings.tutorial().withLearningRate(10).withEpochs(4),
                "reference", dir.resolve("bigrams.textclf"), BadRowPolicy.FAIL, new RunOptions(Optional.empty(), 0, 0,
                        Optional.empty(), false, Optional.empty(), List.of(), 2),
                PipelineSpec.tutorial().withWordNgrams(bigrams)), TrainingObserver.SILENT);

        double accuracy = report.test().orElseThrow().accuracy();
        assertTrue(accuracy > 0.7, "bigrams on two threads learn in 4 epochs (chance: 0.25): " + accuracy);
        assertEquals(2, report.threads());
        assertTrue(report.wordsPerSecondPerThread(1) > 0);
        ModelArtifact saved = injector.getInstance(ModelFileStore.class).load(report.modelFile());
        assertEquals(bigrams, saved.pipeline().wordNgrams());
        assertEquals("2", saved.pipeline().features().get(WordNgrams.LENGTH_FEATURE));
        assertEquals(saved.vocabulary().size() + 50_000, saved.parameters().dims().vocabSize());
        EvaluateUseCase.Result evaluated = injector.getInstance(EvaluateUseCase.class).evaluate(
                new EvaluateRequest(report.modelFile(), TestData.agNewsMini().toString(), "reference", BadRowPolicy.FAIL));
        assertEquals(accuracy, evaluated.evaluation().accuracy(), "evaluation adds the same n-grams");
        try (LoadedClassifier loaded = injector.getInstance(ClassifierLoader.class).load(report.modelFile(), "reference")) {
            String text = "Stocks fell as oil prices rose on Wall Street";
            assertEquals(loaded.classifier().predict(text, 4), loaded.classifier().predict(List.of(text), 4).get(0));
        }
    }
}
