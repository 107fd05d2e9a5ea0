package io.textclf.application.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import io.textclf.application.TestData;
import io.textclf.application.TextclfModule;
import io.textclf.application.config.TextclfConfig;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.domain.train.TrainingSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tutorial's recipe on debian_descriptions (41 imbalanced classes, 53k rows). */
class DebianAccuracyTest {

    @TempDir
    Path dir;

    @Test
    void reachesPyTorchsAccuracyOnDebianDescriptions() {
        TrainingReport report = Guice.createInjector(new TextclfModule(TextclfConfig.defaults()))
                .getInstance(TrainUseCase.class).train(new TrainRequest(TestData.debian().toString(),
                        TrainingSettings.tutorial(), "reference", dir.resolve("debian.textclf"), BadRowPolicy.FAIL),
                        TrainingObserver.SILENT);
        double accuracy = report.test().orElseThrow().accuracy();
        assertTrue(accuracy >= 0.775, "test accuracy " + accuracy + " is below 0.775 (PyTorch: 0.783)");
    }
}
