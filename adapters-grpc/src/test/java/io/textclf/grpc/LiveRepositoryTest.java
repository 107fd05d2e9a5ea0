package io.textclf.grpc;

import static io.textclf.grpc.Statuses.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.textclf.application.serve.VersionPolicy;
import io.textclf.proto.v1.ClassifyRequest;
import io.textclf.proto.v1.ModelSpec;
import io.textclf.proto.v1.TrainCompleted;
import io.textclf.proto.v1.TrainEvent;
import io.textclf.proto.v1.TrainRequest;
import io.textclf.proto.v1.TrainingParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running server follows its models directory: versions copied in are served, removed ones stop answering. */
class LiveRepositoryTest {

    private static final Duration POLL = Duration.ofMillis(200);
    /** The poll interval plus room for loading the model on a busy machine. */
    private static final Duration DEADLINE = POLL.plusSeconds(15);

    @TempDir
    Path folder;

    @Test
    void versionsCopiedInAreServedAndRemovedOnesStopAnsweringWithoutARestart() throws Exception {
        Path models = folder.resolve("models");
        Fixtures.install(Fixtures.oneEpochModel(), models, "news", 1);
        ServerSettings settings = InProcess.settings(models, folder.resolve("data"))
                .withRepository(new ServerSettings.Repository(new VersionPolicy.All(), Long.MAX_VALUE, POLL));
        try (InProcess server = InProcess.start(settings)) {
            Files.copy(Fixtures.twoEpochModel(), models.resolve("news/.2.textclf.part"));
            Files.writeString(models.resolve("news/3.textclf"), "a copy still being written");
            Files.move(models.resolve("news/.2.textclf.part"), models.resolve("news/2.textclf"),
                    StandardCopyOption.ATOMIC_MOVE);
            long started = System.nanoTime();
            awaitAnswer(server, 2);
            System.out.printf("version 2 answered %d ms after its rename (poll interval %d ms)%n",
                    (System.nanoTime() - started) / 1_000_000, POLL.toMillis());
            assertEquals(List.of(1L, 2L), server.server.registry().versions().get("news"));

            Files.copy(Fixtures.twoEpochModel(), models.resolve("news/3.textclf"), StandardCopyOption.REPLACE_EXISTING);
            awaitAnswer(server, 3);

            Files.delete(models.resolve("news/1.textclf"));
            awaitGone(server, 1);
            assertFails(Status.Code.NOT_FOUND, "has no version 1", () -> classify(server, 1));
            assertEquals(3, server.classification().classify(request(null)).getModelSpec().getVersion());
        }
    }

    @Test
    void theVersionPolicyKeepsOnlyTheNewestVersions() throws Exception {
        Path models = folder.resolve("models");
        Fixtures.install(Fixtures.oneEpochModel(), models, "news", 1);
        Fixtures.install(Fixtures.twoEpochModel(), models, "news", 2);
        ServerSettings settings = InProcess.settings(models, folder.resolve("data"))
                .withRepository(new ServerSettings.Repository(new VersionPolicy.Latest(1), Long.MAX_VALUE, POLL));
        try (InProcess server = InProcess.start(settings)) {
            assertEquals(List.of(2L), server.server.registry().versions().get("news"));
            Fixtures.install(Fixtures.oneEpochModel(), models, "news", 5);
            awaitAnswer(server, 5);
            awaitGone(server, 2);
            assertTrue(Files.exists(models.resolve("news/2.textclf")), "the policy unloads, it never deletes");
        }
    }

    @Test
    void aTrainedVersionThePolicyLeavesOutIsSaidToBeUnserved() throws Exception {
        Path models = folder.resolve("models");
        Fixtures.install(Fixtures.oneEpochModel(), models, "news", 1);
        Fixtures.copyDataset(Fixtures.AG_NEWS_MINI, folder.resolve("data/news"));
        ServerSettings settings = InProcess.settings(models, folder.resolve("data"))
                .withRepository(new ServerSettings.Repository(VersionPolicy.parse("specific:1"), Long.MAX_VALUE,
                        POLL));
        try (InProcess server = InProcess.start(settings)) {
            List<TrainEvent> events = new java.util.ArrayList<>();
            server.training().train(TrainRequest.newBuilder().setModelName("news").setServerPath("news")
                    .setParameters(TrainingParameters.newBuilder().setEpochs(1)).build()).forEachRemaining(events::add);
            TrainCompleted completed = events.get(events.size() - 1).getCompleted();
            assertEquals(2, completed.getModelSpec().getVersion());
            assertFalse(completed.getServed(), completed::toString);
            assertTrue(Files.exists(models.resolve("news/2.textclf")));
            assertEquals(List.of(1L), server.server.registry().versions().get("news"));
        }
    }

    private static void awaitAnswer(InProcess server, long version) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            try {
                assertEquals(version, classify(server, version));
                return;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.NOT_FOUND || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private static void awaitGone(InProcess server, long version) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (server.server.registry().versions().getOrDefault("news", List.of()).contains(version)) {
            assertTrue(System.nanoTime() < deadline, "version " + version + " still served");
            Thread.sleep(20);
        }
    }

    private static long classify(InProcess server, long version) {
        return server.classification().classify(request(version)).getModelSpec().getVersion();
    }

    private static ClassifyRequest request(Long version) {
        ModelSpec.Builder spec = ModelSpec.newBuilder().setName("news");
        if (version != null) {
            spec.setVersion(version);
        }
        return ClassifyRequest.newBuilder().setModelSpec(spec).addAllTexts(Fixtures.NEWS).build();
    }
}
