package io.textclf.grpc.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.textclf.application.TestData;
import io.textclf.application.TextclfModule;
import io.textclf.application.backend.BackendRegistry;
import io.textclf.application.config.TextclfConfig;
import io.textclf.application.dataset.DatasetLoader;
import io.textclf.application.predict.ClassifierLoader;
import io.textclf.application.train.TrainUseCase;
import io.textclf.grpc.ServerComponents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short soak (20 s) of every kind of call at once: no unexpected error, and the server restarts. */
class SoakTest {

    private static final Path AG_NEWS_MINI = TestData.agNewsMini();

    @TempDir
    Path work;

    @Test
    void twentySecondsOfMixedLoadFailNoCallAndTheServerRestartsOnItsFolders() throws Exception {
        Injector injector = Guice.createInjector(new TextclfModule(TextclfConfig.defaults()));
        ServerComponents components = new ServerComponents(injector.getInstance(TrainUseCase.class),
                injector.getInstance(ClassifierLoader.class), injector.getInstance(DatasetLoader.class),
                injector.getInstance(BackendRegistry.class).names());
        Soak.Settings defaults = Soak.Settings.defaults(AG_NEWS_MINI, work, Duration.ofSeconds(20));
        Soak.Settings settings = new Soak.Settings(defaults.dataset(), defaults.duration(), 4, Duration.ofSeconds(3),
                Duration.ofSeconds(4), Duration.ofMillis(500), 16, defaults.settings());
        List<String> lines = new ArrayList<>();
        Soak.Report report = Soak.run(settings, components, lines::add);

        assertEquals(0, report.unexpectedErrors(), report.calls().toString());
        for (Soak.CallSummary call : report.calls()) {
            assertTrue(call.succeeded() > 0, () -> call.call() + " never succeeded: " + call);
        }
        assertTrue(report.calls().get(1).succeeded() >= 3, () -> "trains: " + report.calls().get(1));
        assertTrue(report.restart().ok(), report.restart().problem());
        assertEquals(List.of("soak"), List.copyOf(report.restart().versions().keySet()));
        assertTrue(report.memory().size() >= 10, () -> "samples: " + report.memory().size());
        assertTrue(lines.size() >= 5, lines::toString);
    }
}
