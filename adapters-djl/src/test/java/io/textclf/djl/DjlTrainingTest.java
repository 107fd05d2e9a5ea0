package io.textclf.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.textclf.application.TextclfModule;
import io.textclf.application.config.SettingKey;
import io.textclf.application.config.TextclfConfig;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.predict.ClassifierLoader;
import io.textclf.application.predict.LoadedClassifier;
import io.textclf.application.train.TrainRequest;
import io.textclf.application.train.TrainUseCase;
import io.textclf.application.train.TrainingObserver;
import io.textclf.application.train.TrainingReport;
import io.textclf.domain.data.Example;
import io.textclf.domain.predict.Prediction;
import io.textclf.domain.predict.ScoredLabel;
import io.textclf.domain.train.TrainingSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue acceptance: the tutorial's full default training on ag_news_mini through the application's
 * use case with {@code backend djl} lands within 1 point of the reference backend's test accuracy, and
 * the model file it writes predicts through the reference backend like through DJL.
 */
class DjlTrainingTest {

    @TempDir
    static Path dir;

    private static Injector injector;
    private static TrainingReport djl;
    private static TrainingReport reference;
    private static final List<String> STAGES = new ArrayList<>();

    @BeforeAll
    static void trainWithBothBackends() {
        injector = Guice.createInjector(new TextclfModule(TextclfConfig.defaults()
                .with(SettingKey.CACHE_DIR, dir.resolve("cache").toString())));
        TrainUseCase useCase = injector.getInstance(TrainUseCase.class);
        TrainingObserver stages = new TrainingObserver() {
            @Override
            public void onStage(String message) {
                STAGES.add(message);
            }
        };
        String data = AgNewsMini.folder().toString();
        djl = useCase.train(new TrainRequest(data, TrainingSettings.tutorial(), DjlBackend.NAME,
                dir.resolve("djl.textclf"), BadRowPolicy.FAIL), stages);
        reference = useCase.train(new TrainRequest(data, TrainingSettings.tutorial(), "reference",
                dir.resolve("reference.textclf"), BadRowPolicy.FAIL), TrainingObserver.SILENT);
    }

    @Test
    void testAccuracyIsWithinOnePointOfTheReference() {
        double djlAccuracy = djl.test().orElseThrow().accuracy();
        double referenceAccuracy = reference.test().orElseThrow().accuracy();
        System.out.printf(Locale.ROOT, "ag_news_mini test accuracy: djl %.4f, reference %.4f%n", djlAccuracy,
                referenceAccuracy);
        assertEquals(referenceAccuracy, djlAccuracy, 0.01);
        assertEquals(DjlBackend.NAME, djl.artifact().provenance().backend());
    }

    @Test
    void autoDeviceSaysWhichDeviceItPicked() {
        String stage = STAGES.stream().filter(s -> s.contains("backend djl")).findFirst().orElseThrow();
        int gpus = Engine.getEngine(DjlRuntime.ENGINE).getGpuCount();
        String expected = gpus == 0 ? "device cpu() picked by auto: no CUDA GPU visible"
                : "device gpu(0) picked by auto: " + gpus + " CUDA GPU(s) visible";
        assertTrue(stage.contains(expected), stage);
    }

    @Test
    void aModelTrainedWithDjlPredictsTheSameThroughTheReferenceBackend() {
        ClassifierLoader loader = injector.getInstance(ClassifierLoader.class);
        List<String> texts = AgNewsMini.get().dataset.test().orElseThrow().examples().stream().map(Example::text).toList();
        int classes = djl.artifact().labels().size();
        try (LoadedClassifier viaReference = loader.load(djl.modelFile(), "reference");
             LoadedClassifier viaDjl = loader.load(djl.modelFile(), DjlBackend.NAME)) {
            List<Prediction> expected = viaReference.classifier().predict(texts, classes);
            List<Prediction> actual = viaDjl.classifier().predict(texts, classes);
            double worst = 0;
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(expected.get(i).top().label(), actual.get(i).top().label(), "text " + i);
                for (ScoredLabel label : expected.get(i).labels()) {
                    double other = probabilityOf(actual.get(i), label.index());
                    worst = Math.max(worst, Math.abs(label.probability() - other));
                }
            }
            System.out.printf(Locale.ROOT, "%d test texts: same top label; largest probability difference %.2e%n",
                    texts.size(), worst);
            assertTrue(worst <= 1e-5, "largest probability difference " + worst);
        }
    }

    private static double probabilityOf(Prediction prediction, int index) {
        return prediction.labels().stream().filter(l -> l.index() == index).findFirst().orElseThrow().probability();
    }
}
