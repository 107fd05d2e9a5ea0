package io.textclf.grpc;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.textclf.application.TestData;
import io.textclf.application.TextclfModule;
import io.textclf.application.backend.BackendRegistry;
import io.textclf.application.config.TextclfConfig;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.dataset.DatasetLoader;
import io.textclf.application.predict.ClassifierLoader;
import io.textclf.application.train.TrainRequest;
import io.textclf.application.train.TrainUseCase;
import io.textclf.application.train.TrainingObserver;
import io.textclf.domain.train.TrainingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Shared test material: the application's parts, small trained models, dataset copies. */
final class Fixtures {

    static final Path AG_NEWS_MINI = TestData.agNewsMini();

    static final List<String> NEWS = List.of(
            "Wall St. Bears Claw Back Into the Black. Short-sellers are seeing green again.",
            "The team won the championship game last night after a late goal in overtime.",
            "Scientists unveil a new processor chip that doubles the speed of laptops.",
            "Leaders met in Geneva to discuss the peace talks and the election results.");

    private static final Path FIXTURES = Path.of("target", "test-fixtures");
    private static Injector injector;
    private static Path oneEpoch;
    private static Path twoEpochs;

    private Fixtures() {
    }

    static synchronized Injector injector() {
        if (injector == null) {
            injector = Guice.createInjector(new TextclfModule(TextclfConfig.defaults()));
        }
        return injector;
    }

    static ServerComponents components() {
        Injector i = injector();
        return new ServerComponents(i.getInstance(TrainUseCase.class), i.getInstance(ClassifierLoader.class),
                i.getInstance(DatasetLoader.class), i.getInstance(BackendRegistry.class).names());
    }

    /** A model trained on ag_news_mini for 1 epoch. */
    static synchronized Path oneEpochModel() {
        if (oneEpoch == null) {
            oneEpoch = train("ag-news-1-epoch.textclf", 1);
        }
        return oneEpoch;
    }

    /** A model trained on ag_news_mini for 2 epochs. */
    static synchronized Path twoEpochModel() {
        if (twoEpochs == null) {
            twoEpochs = train("ag-news-2-epochs.textclf", 2);
        }
        return twoEpochs;
    }

    private static Path train(String fileName, int epochs) {
        Path output = FIXTURES.resolve(fileName).toAbsolutePath();
        injector().getInstance(TrainUseCase.class).train(new TrainRequest(AG_NEWS_MINI.toString(),
                TrainingSettings.tutorial().withEpochs(epochs), "reference", output, BadRowPolicy.FAIL),
                TrainingObserver.SILENT);
        return output;
    }

    /** Places {@code model} in {@code modelsDir} as {@code name/version.textclf}. */
    static void install(Path model, Path modelsDir, String name, long version) {
        try {
            Path folder = Files.createDirectories(modelsDir.resolve(name));
            Files.copy(model, folder.resolve(version + ".textclf"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a dataset folder's regular files into {@code target}. */
    static Path copyDataset(Path source, Path target) {
        try {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, target.resolve(file.getFileName()));
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
