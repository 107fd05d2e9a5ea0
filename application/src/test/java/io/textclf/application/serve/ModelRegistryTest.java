package io.textclf.application.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.textclf.application.TestData;
import io.textclf.application.TextclfModule;
import io.textclf.application.config.TextclfConfig;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.modelformat.ModelFileException;
import io.textclf.application.predict.ClassifierLoader;
import io.textclf.application.train.TrainRequest;
import io.textclf.application.train.TrainUseCase;
import io.textclf.application.train.TrainingObserver;
import io.textclf.domain.train.TrainingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

    private static final Injector INJECTOR = Guice.createInjector(new TextclfModule(TextclfConfig.defaults()));

    @TempDir
    static Path shared;

    @TempDir
    Path models;

    private static Path model;

    @BeforeAll
    static void trainOne() {
        model = shared.resolve("one.textclf");
        INJECTOR.getInstance(TrainUseCase.class).train(new TrainRequest(TestData.agNewsMini().toString(),
                TrainingSettings.tutorial().withEpochs(1), "reference", model, BadRowPolicy.FAIL),
                TrainingObserver.SILENT);
    }

    @Test
    void servesTheLayoutAndIgnoresEverythingElse() throws Exception {
        install("news", "1.textclf");
        install("news", "12.textclf");
        install("news", "007.textclf");
        install("news", ".12.textclf.part");
        install(".hidden", "1.textclf");
        install("sport", "2.textclf");
        Files.writeString(models.resolve("README"), "x");
        try (ModelRegistry registry = open(Optional.empty())) {
            assertEquals(Map.of("news", List.of(1L, 12L), "sport", List.of(2L)), registry.versions());
            assertEquals(12, registry.resolve("news", OptionalLong.empty()).version());
            assertEquals(1, registry.resolve("news", OptionalLong.of(1)).version());
            assertEquals(Optional.empty(), registry.defaultModel());
            assertThrows(IllegalArgumentException.class, () -> registry.resolve("", OptionalLong.empty()));
            assertThrows(ModelNotFoundException.class, () -> registry.resolve("nope", OptionalLong.empty()));
            assertThrows(ModelNotFoundException.class, () -> registry.resolve("news", OptionalLong.of(2)));
        }
        try (ModelRegistry registry = open(Optional.of("sport"))) {
            assertEquals("sport", registry.resolve("", OptionalLong.empty()).name());
        }
    }

    @Test
    void theOnlyModelIsTheDefault() throws Exception {
        install("news", "3.textclf");
        try (ModelRegistry registry = open(Optional.empty())) {
            assertEquals(Optional.of("news"), registry.defaultModel());
            assertEquals(3, registry.resolve("", OptionalLong.empty()).version());
        }
    }

    @Test
    void aCorruptFileStopsTheStartNamingIt() throws Exception {
        Files.createDirectories(models.resolve("news"));
        Files.writeString(models.resolve("news/1.textclf"), "not a model");
        ModelFileException e = assertThrows(ModelFileException.class, () -> open(Optional.empty()));
        assertTrue(e.getMessage().contains("news/1.textclf"), e::getMessage);
    }

    @Test
    void newVersionsAreServedAtOnceAndReservationsNeverCollide() throws Exception {
        install("news", "4.textclf");
        try (ModelRegistry registry = open(Optional.empty())) {
            Set<Long> versions = ConcurrentHashMap.newKeySet();
            IntStream.range(0, 50).parallel().forEach(i -> versions.add(registry.reserve("news").version()));
            assertEquals(50, versions.size());
            assertEquals(new HashSet<>(IntStream.rangeClosed(5, 54).mapToObj(Long::valueOf).toList()), versions);

            ModelRegistry.Reservation next = registry.reserve("fresh");
            assertEquals(1, next.version());
            assertEquals(models.toAbsolutePath().resolve("fresh/1.textclf"), next.file());
            Files.createDirectories(next.file().getParent());
            Files.copy(model, next.file());
            registry.register(next);
            assertEquals(1, registry.resolve("fresh", OptionalLong.empty()).version());

            ModelRegistry.Reservation abandoned = registry.reserve("fresh");
            registry.release(abandoned);
            assertEquals(2, registry.reserve("fresh").version());
        }
    }

    @Test
    void refusesModelNamesThatAreNoFolderName() {
        for (String name : List.of("", ".", "..", "../x", "a/b", ".hidden", "x".repeat(65), "sp ace")) {
            assertThrows(IllegalArgumentException.class, () -> ModelRegistry.checkName(name), name);
        }
        ModelRegistry.checkName("news-v2.1_final");
    }

    private ModelRegistry open(Optional<String> defaultModel) {
        return ModelRegistry.open(models, INJECTOR.getInstance(ClassifierLoader.class), "reference", defaultModel);
    }

    private void install(String name, String file) throws Exception {
        Files.createDirectories(models.resolve(name));
        Files.copy(model, models.resolve(name).resolve(file));
    }
}
