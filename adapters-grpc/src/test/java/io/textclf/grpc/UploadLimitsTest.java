package io.textclf.grpc;

import static io.textclf.grpc.Statuses.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.textclf.proto.v1.DeleteUploadRequest;
import io.textclf.proto.v1.TrainRequest;
import io.textclf.proto.v1.UploadDatasetResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads at once, bytes stored, deletion and retention. */
class UploadLimitsTest {

    private static final byte[] SMALL = "__label__a one\n__label__b two\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path folder;

    private InProcess server;

    @AfterEach
    void stop() {
        server.close();
    }

    private void start(Limits limits) {
        server = InProcess.start(InProcess.settings(folder.resolve("models"), folder.resolve("data")).withLimits(limits));
    }

    @Test
    void uploadsBeyondTheConcurrentLimitAreRefusedUntilOneFinishes() throws Exception {
        start(new Limits(1024, 100_000, 1 << 20, 1 << 20, 1).withUploads(2, 10 << 20, Duration.ZERO));
        Uploads first = new Uploads(server.trainingAsync()).send("train.txt", SMALL, 1024);
        Uploads second = new Uploads(server.trainingAsync()).send("train.txt", SMALL, 1024);
        awaitInProgress(2);
        Status refused = failure(new Uploads(server.trainingAsync()).send("train.txt", SMALL, 1024));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getCode());
        assertTrue(refused.getDescription().contains("2 uploads are in progress"), refused::getDescription);
        assertEquals(2, first.finish().get(30, TimeUnit.SECONDS).getTrainRows());
        assertEquals(2, second.finish().get(30, TimeUnit.SECONDS).getTrainRows());
        assertEquals(2, new Uploads(server.trainingAsync()).send("train.txt", SMALL, 1024).finish()
                .get(30, TimeUnit.SECONDS).getTrainRows());
    }

    @Test
    void anUploadThatSendsNothingForAWhileIsEndedAndFreesItsPlace() throws Exception {
        start(new Limits(1024, 100_000, 1 << 20, 1 << 20, 1).withUploads(1, 10 << 20, Duration.ZERO)
                .withUploadIdle(Duration.ofMillis(300)));
        Uploads stalled = new Uploads(server.trainingAsync()).send("train.txt", SMALL, 1024);
        ExecutionException ended = assertThrows(ExecutionException.class,
                () -> stalled.response().get(30, TimeUnit.SECONDS));
        Status status = Status.fromThrowable(ended.getCause());
        assertEquals(Status.Code.DEADLINE_EXCEEDED, status.getCode());
        assertTrue(status.getDescription().startsWith("the upload sent no data for 0.3 s"), status::getDescription);
        assertEquals(2, new Uploads(server.trainingAsync()).send("train.txt", SMALL, 1024).finish()
                .get(30, TimeUnit.SECONDS).getTrainRows(), "its place is free again");
    }

    @Test
    void storedUploadsHaveAQuotaAndDeletingOneFreesItsBytes() throws Exception {
        start(new Limits(1024, 100_000, 1 << 20, SMALL.length, 1).withUploads(2, 2L * SMALL.length, Duration.ZERO));
        UploadDatasetResponse one = upload();
        upload();
        Status refused = failure(new Uploads(server.trainingAsync()).send("train.txt", SMALL, 1024));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getCode());
        assertTrue(refused.getDescription().contains("quota of " + 2 * SMALL.length + " bytes"), refused::getDescription);

        assertEquals(SMALL.length, server.training().deleteUpload(DeleteUploadRequest.newBuilder()
                .setUploadId(one.getUploadId()).build()).getBytesFreed());
        assertFalse(Files.exists(folder.resolve("data/uploads").resolve(one.getUploadId())));
        assertFails(Status.Code.NOT_FOUND, "no upload with id '" + one.getUploadId() + "'", () -> server.training()
                .deleteUpload(DeleteUploadRequest.newBuilder().setUploadId(one.getUploadId()).build()));
        assertFails(Status.Code.NOT_FOUND, "no upload with id", () -> server.training().train(TrainRequest.newBuilder()
                .setModelName("m").setUploadId(one.getUploadId()).build()).next());
        assertFails(Status.Code.INVALID_ARGUMENT, "upload_id '' is not an upload id", () -> server.training()
                .deleteUpload(DeleteUploadRequest.newBuilder().build()));
        upload();
    }

    @Test
    void uploadsOlderThanTheRetentionAreDeleted() throws Exception {
        start(Limits.DEFAULTS.withUploads(2, 10L << 30, Duration.ofDays(7)));
        UploadDatasetResponse old = upload();
        UploadDatasetResponse recent = upload();
        Path uploads = folder.resolve("data/uploads");
        Files.setLastModifiedTime(uploads.resolve(old.getUploadId()), FileTime.from(Instant.now().minus(Duration.ofDays(8))));
        upload();
        assertFalse(Files.exists(uploads.resolve(old.getUploadId())), "expired upload deleted");
        assertTrue(Files.exists(uploads.resolve(recent.getUploadId())));
    }

    private void awaitInProgress(int count) throws Exception {
        Path uploads = folder.resolve("data/uploads");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.isDirectory(uploads) || countIncoming(uploads) < count) {
            assertTrue(System.nanoTime() < deadline, "uploads did not start");
            Thread.sleep(10);
        }
    }

    private static long countIncoming(Path uploads) throws java.io.IOException {
        try (var entries = Files.list(uploads)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".incoming-")).count();
        }
    }

    private UploadDatasetResponse upload() throws Exception {
        return new Uploads(server.trainingAsync()).send("train.txt", SMALL, 1024).finish().get(30, TimeUnit.SECONDS);
    }

    private static Status failure(Uploads upload) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> upload.finish().get(30, TimeUnit.SECONDS));
        return Status.fromThrowable(e.getCause());
    }
}
