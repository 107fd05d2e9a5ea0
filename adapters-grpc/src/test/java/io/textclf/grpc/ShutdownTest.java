package io.textclf.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.textclf.proto.v1.TrainEvent;
import io.textclf.proto.v1.TrainRequest;
import io.textclf.proto.v1.TrainingParameters;
import io.textclf.proto.v1.UploadDatasetResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownTest {

    @TempDir
    Path folder;

    private InProcess server;

    @BeforeEach
    void start() {
        Path data = folder.resolve("data");
        Fixtures.copyDataset(Fixtures.AG_NEWS_MINI, data.resolve("news"));
        Fixtures.install(Fixtures.oneEpochModel(), folder.resolve("models"), "served", 1);
        server = InProcess.start(InProcess.settings(folder.resolve("models"), data));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void runningJobsAreCancelledAndTheirCallersTold() throws Exception {
        TrainEvents job = new TrainEvents();
        server.trainingAsync().train(TrainRequest.newBuilder().setModelName("news").setServerPath("news")
                .setParameters(TrainingParameters.newBuilder().setEpochs(1000)).build(), job);
        job.await(TrainEvent::hasProgress, 30);
        long started = System.nanoTime();
        server.server.close();
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(9), "close waited for the job");
        Status end = job.end(5);
        assertEquals(Status.Code.UNAVAILABLE, end.getCode());
        List<TrainEvent> events = job.events();
        assertEquals("the server is shutting down: the training job was cancelled",
                events.get(events.size() - 1).getFailed().getReason());
        assertEquals(0, server.server.runningJobs());
        assertFalse(Files.exists(folder.resolve("models").resolve("news").resolve("1.textclf")));
    }

    @Test
    void callsInFlightFinishWhileNewCallsAreRefused() throws Exception {
        Uploads upload = new Uploads(server.trainingAsync())
                .sendFile(Fixtures.AG_NEWS_MINI.resolve("classes.txt"), 1 << 16);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server.server::close);
        awaitRefusal();
        UploadDatasetResponse response = upload.sendFile(Fixtures.AG_NEWS_MINI.resolve("train.csv"), 1 << 16)
                .finish().get(30, TimeUnit.SECONDS);
        assertEquals(6000, response.getTrainRows());
        closing.get(30, TimeUnit.SECONDS);
    }

    private void awaitRefusal() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                server.classification().classify(ClassifyTest.request(List.of("x"), 1));
            } catch (StatusRuntimeException e) {
                assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e::toString);
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("new calls were still accepted after shutdown began");
    }
}
