package io.textclf.application.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import io.textclf.domain.model.ModelArtifact;
import io.textclf.modelformat.ModelFileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
    void aFileNamedLikeAVersionThatIsNoneIsReportedOnce() throws Exception {
        install("news", "1.textclf");
        install("news", "007.textclf");
        install("news", "9223372036854775807.textclf");
        List<String> refusals = new CopyOnWriteArrayList<>();
        RegistryListener listener = new RegistryListener() {
            @Override
            public void refused(String name, long version, String reason) {
                refusals.add(name + " " + version + ": " + reason);
            }
        };
        try (ModelRegistry registry = open(new VersionPolicy.All(), Long.MAX_VALUE, listener)) {
            assertEquals(Map.of("news", List.of(1L)), registry.versions());
            registry.refresh();
            assertEquals(Set.of("news 0: its name 007.textclf is no version: versions are whole numbers from 1 to 18 "
                    + "digits, without leading zeros", "news 0: its name 9223372036854775807.textclf is no version: "
                    + "versions are whole numbers from 1 to 18 digits, without leading zeros"), Set.copyOf(refusals));
            assertEquals(2, refusals.size(), "once each, not at every poll");
        }
    }

    @Test
    void theOnlyModelIsTheDefault() throws Exception {
        install("news", "3.textclf");
        Logger log = Logger.getLogger(ModelRegistry.class.getName());
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        Path startModels = models;
        models = Files.createDirectories(shared.resolve("two-models"));
        install("news", "1.textclf");
        install("sport", "1.textclf");
        try (ModelRegistry registry = open(Optional.empty())) {
            assertEquals(List.of(), warnings, "two models at the start are no change to warn of");
        } finally {
            models = startModels;
        }
        try (ModelRegistry registry = open(Optional.empty())) {
            assertEquals(Optional.of("news"), registry.defaultModel());
            assertEquals(3, registry.resolve("", OptionalLong.empty()).version());

            install("sport", "1.textclf");
            registry.refresh();
            assertEquals(Optional.empty(), registry.defaultModel());
            assertEquals(List.of("model sport is served beside news: calls that name no model are refused from now "
                    + "on; set --default-model to keep one"), warnings);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> registry.resolve("", OptionalLong.empty()))
                    .getMessage().endsWith("has no default model (its operator can set one with --default-model)"));
        } finally {
            log.removeHandler(handler);
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

            ModelRegistry.Reservation failed = registry.reserve("never");
            ModelRegistry.Reservation running = registry.reserve("never");
            Files.createDirectories(failed.file().getParent());
            registry.release(failed);
            assertTrue(Files.isDirectory(failed.file().getParent()), "another run of that model is under way");
            registry.release(running);
            assertFalse(Files.exists(failed.file().getParent()), "a failed first run leaves no empty model folder");

            Path made = Files.createDirectories(models.resolve("prepared"));
            Path elsewhere = Files.createDirectories(models.getParent().resolve("elsewhere"));
            Path linked = Files.createSymbolicLink(models.resolve("linked"), elsewhere);
            for (String name : List.of("prepared", "linked")) {
                registry.release(registry.reserve(name));
            }
            assertTrue(Files.isDirectory(made), "a folder made before the run stays, empty or not");
            assertTrue(Files.isSymbolicLink(linked) && Files.isDirectory(elsewhere), "a linked folder stays");
        }
    }

    /** A version copied in by hand while a model trained under its number is the operator's: it stays as it is. */
    @Test
    void aTrainedModelNeverReplacesAVersionFileThatCameInMeanwhile() throws Exception {
        install("news", "1.textclf");
        try (ModelRegistry registry = open(Optional.empty())) {
            ModelRegistry.Reservation training = registry.reserve("news");
            assertEquals(2, training.version());
            Files.copy(model, training.stagingFile());
            Path published = Files.writeString(training.file(), "the operator's file");
            ModelRegistry.Reservation placed = registry.publish(training);
            assertEquals(3, placed.version());
            assertEquals("the operator's file", Files.readString(published));
            assertFalse(Files.exists(training.stagingFile()));
            assertEquals(3, registry.register(placed).version());
            assertEquals(4, registry.reserve("news").version(), "2 is taken by the file, 3 by the trained model");

            ModelRegistry.Reservation next = registry.reserve("news");
            Files.copy(model, next.stagingFile());
            assertEquals(next, registry.publish(next), "a free version keeps its number");
            assertTrue(Files.isRegularFile(next.file()));
        }
    }

    /** An operator asking for a version whose file is there is told why it does not answer. */
    @Test
    void aVersionOnDiskThatIsNotServedIsSaidToBeSo() throws Exception {
        install("news", "1.textclf");
        install("news", "2.textclf");
        try (ModelRegistry registry = open(new VersionPolicy.Latest(1), Long.MAX_VALUE, RegistryListener.NONE)) {
            ModelNotFoundException left = assertThrows(ModelNotFoundException.class,
                    () -> registry.resolve("news", OptionalLong.of(1)));
            assertEquals("model 'news' version 1 is on disk but not served (the version policy latest:1 leaves it "
                    + "out) (versions: [2])", left.getMessage());
            ModelNotFoundException missing = assertThrows(ModelNotFoundException.class,
                    () -> registry.resolve("news", OptionalLong.of(7)));
            assertEquals("model 'news' has no version 7 (versions: [2])", missing.getMessage());
        }
    }

    @Test
    void trainedVersionsBeyondThePolicyAreUnloaded() throws Exception {
        install("news", "1.textclf");
        List<ServedModel> unloaded = new java.util.ArrayList<>();
        RegistryListener listener = new RegistryListener() {
            @Override
            public void unloaded(ServedModel served, String reason) {
                unloaded.add(served);
            }
        };
        try (ModelRegistry registry = open(new VersionPolicy.Latest(2), Long.MAX_VALUE, listener)) {
            for (int round = 0; round < 4; round++) {
                ModelRegistry.Reservation next = registry.reserve("news");
                Files.copy(model, next.file());
                registry.register(next);
            }
            assertEquals(Map.of("news", List.of(4L, 5L)), registry.versions());
            assertEquals(List.of(1L, 2L, 3L), unloaded.stream().map(ServedModel::version).toList());
            long oneVersion = registry.resolve("news", OptionalLong.of(5)).footprintBytes();
            assertEquals(2 * oneVersion, registry.footprintBytes());
        }
    }

    @Test
    void aVersionPastTheMemoryBoundIsRefusedWithTheNumbers() throws Exception {
        install("news", "1.textclf");
        long oneVersion;
        try (ModelRegistry registry = open(Optional.empty())) {
            oneVersion = registry.footprintBytes();
        }
        install("news", "2.textclf");
        ModelMemoryException atStart = assertThrows(ModelMemoryException.class, () -> ModelRegistry.open(models,
                INJECTOR.getInstance(ClassifierLoader.class), new RegistrySettings("reference", Optional.empty(),
                        new VersionPolicy.All(), oneVersion + oneVersion / 2, RegistryListener.NONE)));
        assertTrue(atStart.getMessage().contains("model news version 1 needs about"), atStart::getMessage);
        assertTrue(atStart.getMessage().contains("--max-model-memory"), atStart::getMessage);

        try (ModelRegistry registry = ModelRegistry.open(models, INJECTOR.getInstance(ClassifierLoader.class),
                new RegistrySettings("reference", Optional.empty(), new VersionPolicy.Latest(1),
                        oneVersion + oneVersion / 2, RegistryListener.NONE))) {
            assertEquals(Map.of("news", List.of(2L)), registry.versions());
            ModelRegistry.Reservation next = registry.reserve("sport");
            Files.createDirectories(next.file().getParent());
            Files.copy(model, next.file());
            assertThrows(ModelMemoryException.class, () -> registry.register(next));
            registry.refresh();
            assertEquals(Map.of("news", List.of(2L)), registry.versions(), "a refused file is not retried unchanged");
        }
    }

    @Test
    void aVersionRefusedForTheBoundIsServedOnceMemoryIsFreed() throws Exception {
        install("news", "1.textclf");
        long oneVersion = ModelFootprint.estimate(new ModelFileStore().load(model));
        try (ModelRegistry registry = ModelRegistry.open(models, INJECTOR.getInstance(ClassifierLoader.class),
                new RegistrySettings("reference", Optional.empty(), new VersionPolicy.Latest(1),
                        oneVersion + oneVersion / 2, RegistryListener.NONE))) {
            install("other", "1.textclf");
            registry.refresh();
            registry.refresh();
            assertEquals(Map.of("news", List.of(1L)), registry.versions(), "no room beside news");
            Files.delete(models.resolve("news/1.textclf"));
            registry.refresh();
            assertEquals(Map.of("other", List.of(1L)), registry.versions(), "tried again once news is unloaded");
        }
    }

    @Test
    void aVersionRefusedForTheBoundReplacesTheOneWhoseFileGoesInTheSamePoll() throws Exception {
        install("news", "1.textclf");
        long oneVersion = ModelFootprint.estimate(new ModelFileStore().load(model));
        try (ModelRegistry registry = ModelRegistry.open(models, INJECTOR.getInstance(ClassifierLoader.class),
                new RegistrySettings("reference", Optional.empty(), new VersionPolicy.All(),
                        oneVersion + oneVersion / 2, RegistryListener.NONE))) {
            install("news", "2.textclf");
            registry.refresh();
            assertEquals(Map.of("news", List.of(1L)), registry.versions(), "no room for version 2 beside 1");
            Files.delete(models.resolve("news/1.textclf"));
            registry.refresh();
            assertEquals(Map.of("news", List.of(2L)), registry.versions(),
                    "version 2 is served as version 1 goes: the model is never without a version");
        }
    }

    @Test
    void aModelsDirectoryMovedAwayLeavesWhatIsServedAndIsNotMadeAgain() throws Exception {
        install("news", "1.textclf");
        Path away = shared.resolve("models-away-" + System.nanoTime());
        try (ModelRegistry registry = open(Optional.empty())) {
            Files.move(models, away);
            registry.refresh();
            assertEquals(Map.of("news", List.of(1L)), registry.versions());
            assertFalse(Files.exists(models), "an empty directory in its place would take the new one inside it");
            Files.move(away, models);
            install("news", "2.textclf");
            registry.refresh();
            assertEquals(Map.of("news", List.of(1L, 2L)), registry.versions());
        }
    }

    @Test
    void aServedVersionWhoseFileIsReplacedIsLoadedAgainOrKeepsServing() throws Exception {
        install("news", "1.textclf");
        Refusals refusals = new Refusals();
        try (ModelRegistry registry = open(new VersionPolicy.All(), Long.MAX_VALUE, refusals)) {
            ServedModel first = registry.resolve("news", OptionalLong.of(1));
            registry.refresh();
            assertSame(first, registry.resolve("news", OptionalLong.of(1)), "an unchanged file is not read again");
            Path file = models.resolve("news/1.textclf");
            Path next = models.resolve("news/.next");
            Files.copy(model, next);
            Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            registry.refresh();
            ServedModel second = registry.resolve("news", OptionalLong.of(1));
            assertNotSame(first, second, "a replaced file is loaded again");
            Files.writeString(next, "not a model");
            Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            registry.refresh();
            registry.refresh();
            assertSame(second, registry.resolve("news", OptionalLong.of(1)), "a bad replacement leaves the model served");
            assertEquals(List.of("news 1"), refusals.versions);
        }
    }

    @Test
    void aVersionEntryThatIsNoFileIsRefusedNotSkipped() throws Exception {
        install("news", "1.textclf");
        Files.createDirectories(models.resolve("news/2.textclf"));
        ModelFileException atStart = assertThrows(ModelFileException.class, () -> open(Optional.empty()));
        assertTrue(atStart.getMessage().contains("2.textclf is a folder"), atStart::getMessage);
        Files.delete(models.resolve("news/2.textclf"));
        Refusals refusals = new Refusals();
        try (ModelRegistry registry = open(new VersionPolicy.All(), Long.MAX_VALUE, refusals)) {
            Files.createSymbolicLink(models.resolve("news/3.textclf"), models.resolve("news/nowhere"));
            registry.refresh();
            registry.refresh();
            assertEquals(Map.of("news", List.of(1L)), registry.versions());
            assertEquals(List.of("news 3"), refusals.versions, "refused once, and said so");
        }
    }

    @Test
    void roomForAVersionToTrainCountsWhatThePolicyKeepsBesideIt() throws Exception {
        install("news", "1.textclf");
        ModelArtifact artifact = new ModelFileStore().load(model);
        long oneVersion = ModelFootprint.estimate(artifact);
        assertEquals(oneVersion, ModelFootprint.estimate(artifact.parameters().dims(), artifact.vocabulary()),
                "the estimate from the shapes is the loaded model's");
        try (ModelRegistry registry = ModelRegistry.open(models, INJECTOR.getInstance(ClassifierLoader.class),
                new RegistrySettings("reference", Optional.empty(), new VersionPolicy.Latest(1),
                        oneVersion + oneVersion / 2, RegistryListener.NONE))) {
            ModelRegistry.Reservation news = registry.reserve("news");
            registry.requireRoomFor(news, oneVersion);
            ModelRegistry.Reservation sport = registry.reserve("sport");
            ModelMemoryException refused = assertThrows(ModelMemoryException.class,
                    () -> registry.requireRoomFor(sport, oneVersion));
            assertTrue(refused.getMessage().startsWith("model sport version 1 needs about"), refused::getMessage);
            assertTrue(refused.getMessage().contains("(refused before training)"), refused::getMessage);
            registry.requireRoomFor(sport, oneVersion / 2);
            assertThrows(ModelMemoryException.class, () -> registry.requireRoomFor(news, 2 * oneVersion));
        }
    }

    @Test
    void aNewVersionThatCannotBeLoadedNeverPushesAServedOneOut() throws Exception {
        install("news", "1.textclf");
        install("news", "2.textclf");
        byte[] whole = Files.readAllBytes(model);
        for (int keep : new int[] {1, 2}) {
            Refusals refusals = new Refusals();
            try (ModelRegistry registry = open(new VersionPolicy.Latest(keep), Long.MAX_VALUE, refusals)) {
                List<Long> served = keep == 1 ? List.of(2L) : List.of(1L, 2L);
                assertEquals(Map.of("news", served), registry.versions());
                Path copying = models.resolve("news/3.textclf");
                Files.write(copying, java.util.Arrays.copyOf(whole, whole.length / 2));
                registry.refresh();
                assertEquals(Map.of("news", served), registry.versions(), "a file still being copied");
                assertEquals(2, registry.resolve("news", OptionalLong.empty()).version());
                registry.refresh();
                assertEquals(Map.of("news", served), registry.versions(), "unchanged, it is not tried again");
                assertEquals(List.of("news 3"), refusals.versions);

                Files.write(copying, java.util.Arrays.copyOf(whole, whole.length * 3 / 4));
                registry.refresh();
                assertEquals(Map.of("news", served), registry.versions(), "still being copied");
                assertEquals(List.of("news 3"), refusals.versions, "a copy under way is reported once, not at each poll");
                Files.write(copying, whole);
                registry.refresh();
                assertEquals(Map.of("news", keep == 1 ? List.of(3L) : List.of(2L, 3L)), registry.versions(),
                        "once whole, it is served");
                Files.delete(copying);
                registry.refresh();
            }
        }
    }

    @Test
    void aTrainedVersionThatCannotBeLoadedLeavesTheServedOnes() throws Exception {
        install("news", "1.textclf");
        try (ModelRegistry registry = ModelRegistry.open(models, INJECTOR.getInstance(ClassifierLoader.class),
                new RegistrySettings("reference", Optional.empty(), new VersionPolicy.Latest(1), Long.MAX_VALUE,
                        RegistryListener.NONE))) {
            ModelRegistry.Reservation next = registry.reserve("news");
            Files.writeString(next.file(), "not a model");
            assertThrows(ModelFileException.class, () -> registry.register(next));
            assertEquals(Map.of("news", List.of(1L)), registry.versions());
            assertEquals(1, registry.resolve("news", OptionalLong.empty()).version());
            registry.release(next);
            Files.delete(next.file());

            ModelRegistry.Reservation trained = registry.reserve("news");
            Files.copy(model, trained.file());
            registry.refresh();
            assertEquals(Map.of("news", List.of(1L)), registry.versions(),
                    "a version being trained is served by register, and a poll before it unloads nothing");
            registry.register(trained);
            assertEquals(Map.of("news", List.of(2L)), registry.versions());
        }
    }

    @Test
    void refreshServesCompleteFilesOnlyAndUnloadsRemovedOnes() throws Exception {
        install("news", "1.textclf");
        try (ModelRegistry registry = open(Optional.empty())) {
            Files.write(models.resolve("news/2.textclf"), java.util.Arrays.copyOf(Files.readAllBytes(model), 4096));
            install("news", ".3.textclf.part");
            registry.refresh();
            assertEquals(Map.of("news", List.of(1L)), registry.versions());

            Files.copy(model, models.resolve("news/2.textclf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.delete(models.resolve("news/1.textclf"));
            registry.refresh();
            assertEquals(Map.of("news", List.of(2L)), registry.versions());
        }
    }

    @Test
    void versionPoliciesReadAndSelect() {
        java.util.TreeSet<Long> onDisk = new java.util.TreeSet<>(List.of(1L, 2L, 5L, 9L));
        assertEquals(List.of(5L, 9L), List.copyOf(VersionPolicy.parse("latest:2").select(onDisk)));
        assertEquals(List.of(9L), List.copyOf(VersionPolicy.parse("latest").select(onDisk)));
        assertEquals(List.of(1L, 2L, 5L, 9L), List.copyOf(VersionPolicy.parse("all").select(onDisk)));
        assertEquals(List.of(2L, 9L), List.copyOf(VersionPolicy.parse("specific: 2, 9, 11").select(onDisk)));
        for (String bad : List.of("latest:0", "newest", "specific:", "specific:x", "latest:two")) {
            assertThrows(IllegalArgumentException.class, () -> VersionPolicy.parse(bad), bad);
        }
        assertEquals("version policy 'latest:': a number is missing", assertThrows(IllegalArgumentException.class,
                () -> VersionPolicy.parse("latest:")).getMessage());
        assertEquals("version policy 'specific:1,,3': a number is missing", assertThrows(
                IllegalArgumentException.class, () -> VersionPolicy.parse("specific:1,,3")).getMessage());
        assertEquals("version policy 'specific:99999999999999999999': '99999999999999999999' is not a version number "
                + "(at most 18 digits)", assertThrows(IllegalArgumentException.class,
                () -> VersionPolicy.parse("specific:99999999999999999999")).getMessage());
        assertEquals(List.of(1L, 2L, 5L, 9L), List.copyOf(VersionPolicy.parse("latest:99999999999").select(onDisk)));
        assertEquals("10.0 KiB", ModelFootprint.readable(10 << 10));
        assertEquals("1.5 MiB", ModelFootprint.readable(3 << 19));
    }

    @Test
    void refusesModelNamesThatAreNoFolderName() {
        for (String name : List.of("", ".", "..", "../x", "a/b", ".hidden", "x".repeat(65), "sp ace")) {
            assertThrows(IllegalArgumentException.class, () -> ModelRegistry.checkName(name), name);
        }
        ModelRegistry.checkName("news-v2.1_final");
    }

    /** The versions a registry refused, as "name version". */
    private static final class Refusals implements RegistryListener {
        final List<String> versions = new java.util.ArrayList<>();

        @Override
        public void refused(String name, long version, String reason) {
            versions.add(name + " " + version);
        }
    }

    private ModelRegistry open(VersionPolicy policy, long maxModelBytes, RegistryListener listener) {
        return ModelRegistry.open(models, INJECTOR.getInstance(ClassifierLoader.class),
                new RegistrySettings("reference", Optional.empty(), policy, maxModelBytes, listener));
    }

    private ModelRegistry open(Optional<String> defaultModel) {
        return ModelRegistry.open(models, INJECTOR.getInstance(ClassifierLoader.class), "reference", defaultModel);
    }

    private void install(String name, String file) throws Exception {
        Files.createDirectories(models.resolve(name));
        Files.copy(model, models.resolve(name).resolve(file));
    }
}
