package io.textclf.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.textclf.application.TestData;
import io.textclf.application.TextclfModule;
import io.textclf.application.config.TextclfConfig;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.dataset.DatasetLoader;
import io.textclf.application.predict.ClassifierLoader;
import io.textclf.application.predict.LoadedClassifier;
import io.textclf.application.train.TrainRequest;
import io.textclf.application.train.TrainUseCase;
import io.textclf.application.train.TrainingObserver;
import io.textclf.application.train.TrainingReport;
import io.textclf.domain.data.Example;
import io.textclf.domain.predict.Prediction;
import io.textclf.domain.predict.ScoredLabel;
import io.textclf.domain.reference.ReferenceBackend;
import io.textclf.domain.train.TrainingSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tutorial's default training run on ag_news_mini through the application's use case with
 * {@code backend=nd4j}, side by side with the reference backend; and the model file it writes, read
 * back into the reference backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Nd4jTrainingTest {

    private static final double ACCURACY_TOLERANCE = 0.01;
    private static final double PROBABILITY_TOLERANCE = 1e-5;

    @TempDir
    static Path dir;

    private final Injector injector = Guice.createInjector(new TextclfModule(TextclfConfig.defaults()));
    private TrainingReport nd4j;
    private TrainingReport reference;

    @BeforeAll
    void trainWithBothBackends() {
        TrainUseCase useCase = injector.getInstance(TrainUseCase.class);
        nd4j = useCase.train(request(Nd4jBackend.NAME), TrainingObserver.SILENT);
        reference = useCase.train(request(ReferenceBackend.NAME), TrainingObserver.SILENT);
    }

    @Test
    void defaultTrainingLandsWithinOnePointOfTheReference() {
        double expected = reference.test().orElseThrow().accuracy();
        double actual = nd4j.test().orElseThrow().accuracy();
        assertEquals(expected, actual, ACCURACY_TOLERANCE, "test accuracy: reference " + expected + ", nd4j " + actual);
        assertTrue(actual > 0.8, "ag_news_mini test accuracy " + actual);
        assertEquals(Nd4jBackend.NAME, nd4j.artifact().provenance().backend());
    }

    @Test
    void aModelTrainedWithNd4jPredictsTheSameInTheReferenceBackend() {
        List<String> texts = injector.getInstance(DatasetLoader.class)
                .load(TestData.agNewsMini().toString(), BadRowPolicy.FAIL).test().orElseThrow()
                .examples().stream().map(Example::text).toList();
        ClassifierLoader loader = injector.getInstance(ClassifierLoader.class);
        try (LoadedClassifier inNd4j = loader.load(nd4j.modelFile(), Nd4jBackend.NAME);
             LoadedClassifier inReference = loader.load(nd4j.modelFile(), ReferenceBackend.NAME)) {
            List<Prediction> expected = inNd4j.classifier().predict(texts, 4);
            List<Prediction> actual = inReference.classifier().predict(texts, 4);
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(expected.get(i).top().label(), actual.get(i).top().label(), "top label of text " + i);
                for (ScoredLabel want : expected.get(i).labels()) {
                    double got = actual.get(i).labels().stream().filter(l -> l.index() == want.index())
                            .findFirst().orElseThrow().probability();
                    assertEquals(want.probability(), got, PROBABILITY_TOLERANCE,
                            "probability of " + want.label() + " for text " + i);
                }
            }
        }
    }

    private TrainRequest request(String backend) {
        return new TrainRequest(TestData.agNewsMini().toString(), TrainingSettings.tutorial(), backend,
                dir.resolve(backend + ".textclf"), BadRowPolicy.FAIL);
    }
}
