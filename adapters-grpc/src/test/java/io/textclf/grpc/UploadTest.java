package io.textclf.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.textclf.proto.v1.ModelSpec;
import io.textclf.proto.v1.TrainEvent;
import io.textclf.proto.v1.TrainRequest;
import io.textclf.proto.v1.TrainingParameters;
import io.textclf.proto.v1.UploadDatasetRequest;
import io.textclf.proto.v1.UploadDatasetResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadTest {

    @TempDir
    Path folder;

    private Path data;
    private InProcess server;

    @BeforeEach
    void start() {
        data = folder.resolve("data");
        server = InProcess.start(InProcess.settings(folder.resolve("models"), data)
                .withLimits(new Limits(1024, 100_000, 1 << 20, 4 << 20, 1)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void storesACheckedDatasetThatTrainCanUse() throws Exception {
        UploadDatasetResponse response = new Uploads(server.trainingAsync())
                .sendFile(Fixtures.AG_NEWS_MINI.resolve("classes.txt"), 64 << 10)
                .sendFile(Fixtures.AG_NEWS_MINI.resolve("train.csv"), 64 << 10)
                .sendFile(Fixtures.AG_NEWS_MINI.resolve("test.csv"), 64 << 10)
                .finish().get(30, TimeUnit.SECONDS);
        assertEquals(6000, response.getTrainRows());
        assertEquals(1600, response.getTestRows());
        assertEquals(List.of("World", "Sports", "Business", "Sci/Tech"), response.getClassesList());
        assertEquals("ag_news_csv", response.getLayout());
        assertEquals(0, response.getSkippedRows());
        long bytes = 0;
        for (String name : List.of("classes.txt", "train.csv", "test.csv")) {
            bytes += Files.size(Fixtures.AG_NEWS_MINI.resolve(name));
            assertEquals(-1, Files.mismatch(Fixtures.AG_NEWS_MINI.resolve(name),
                    data.resolve("uploads").resolve(response.getUploadId()).resolve(name)));
        }
        assertEquals(bytes, response.getBytes());

        List<TrainEvent> events = new ArrayList<>();
        server.training().train(TrainRequest.newBuilder().setModelName("uploaded").setUploadId(response.getUploadId())
                .setParameters(TrainingParameters.newBuilder().setEpochs(1)).build()).forEachRemaining(events::add);
        assertEquals(ModelSpec.newBuilder().setName("uploaded").setVersion(1).build(),
                events.get(events.size() - 1).getCompleted().getModelSpec());
        assertEquals("upload " + response.getUploadId(), events.get(0).getStarted().getDataset());
    }

    @Test
    void reportsMalformedRowsOfAFastTextUpload() throws Exception {
        String rows = "__label__a good text\n__label__b other text\nno label here\n__label__a more\n";
        UploadDatasetResponse response = new Uploads(server.trainingAsync())
                .send("train.txt", rows.getBytes(StandardCharsets.UTF_8), 7).finish().get(30, TimeUnit.SECONDS);
        assertEquals("fasttext", response.getLayout());
        assertEquals(3, response.getTrainRows());
        assertEquals(List.of("a", "b"), response.getClassesList());
        assertEquals(1, response.getSkippedRows());
        assertTrue(response.getFirstSkippedRow().startsWith("train.txt:3: "), response::getFirstSkippedRow);

        List<TrainEvent> events = new ArrayList<>();
        server.training().train(TrainRequest.newBuilder().setModelName("fasttext").setUploadId(response.getUploadId())
                .setSkipBadRows(true).setParameters(TrainingParameters.newBuilder().setEpochs(1)).build())
                .forEachRemaining(events::add);
        var metrics = events.get(events.size() - 1).getCompleted().getMetrics();
        assertEquals(0, metrics.getTestExamples(), "no test file");
        assertTrue(Double.isNaN(metrics.getTestAccuracy()) && Double.isNaN(metrics.getTestLoss()),
                "not measured, which 0 would hide: " + metrics);
        assertFalse(metrics.hasTestReport());
    }

    @Test
    void refusesFileNamesOutsideTheLayouts() {
        assertUploadFails(Status.Code.INVALID_ARGUMENT, "file name '../train.csv' is not allowed",
                new Uploads(server.trainingAsync()).send("../train.csv", new byte[10], 4));
        assertUploadFails(Status.Code.INVALID_ARGUMENT, "the first chunk of an upload must name its file",
                new Uploads(server.trainingAsync()).sendRaw(UploadDatasetRequest.getDefaultInstance()));
        assertUploadFails(Status.Code.INVALID_ARGUMENT, "file 'train.txt' was already uploaded",
                new Uploads(server.trainingAsync()).send("train.txt", new byte[3], 4).send("train.txt", new byte[3], 4));
    }

    @Test
    void refusesAnUploadOverTheLimit() {
        assertUploadFails(Status.Code.RESOURCE_EXHAUSTED,
                "larger than the server's limit of 4194304 bytes (--max-upload-bytes)",
                new Uploads(server.trainingAsync()).send("train.txt", new byte[(4 << 20) + 1], 512 << 10));
    }

    @Test
    void refusesAGzipThatUnpacksBeyondTheLimit() throws Exception {
        byte[] packed = gzip(("\"1\",\"" + "x".repeat(1000) + "\",\"y\"\n").repeat(5000)
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(packed.length < (1 << 20), "the bomb is small: " + packed.length);
        assertUploadFails(Status.Code.RESOURCE_EXHAUSTED,
                "unpacks to more than the server's limit of 4194304 bytes (--max-upload-bytes)",
                new Uploads(server.trainingAsync()).send("classes.txt", "A\nB\n".getBytes(StandardCharsets.UTF_8), 100)
                        .send("train.csv.gz", packed, 64 << 10));
        assertNoUploadsLeft();
    }

    @Test
    void refusesFilesThatAreNoDataset() {
        Status status = assertUploadFails(Status.Code.INVALID_ARGUMENT, "has train.csv but no classes.txt",
                new Uploads(server.trainingAsync()).send("train.csv", "\"1\",\"a\",\"b\"\n".getBytes(
                        StandardCharsets.UTF_8), 100));
        assertTrue(!status.getDescription().contains(data.toString()), status::getDescription);
        assertUploadFails(Status.Code.INVALID_ARGUMENT, "not valid UTF-8", new Uploads(server.trainingAsync())
                .send("train.txt", new byte[] {'_', '_', (byte) 0xff, (byte) 0xfe, '\n'}, 100));
    }

    @Test
    void refusesFilesTheDatasetWouldNotRead() {
        byte[] csv = "\"1\",\"a\",\"b\"\n\"2\",\"c\",\"d\"\n".getBytes(StandardCharsets.UTF_8);
        byte[] classes = "x\ny\n".getBytes(StandardCharsets.UTF_8);
        assertUploadFails(Status.Code.INVALID_ARGUMENT, "holds train.txt, test.txt beside train.csv: a dataset folder "
                + "holds the files of one layout", new Uploads(server.trainingAsync())
                .send("classes.txt", classes, 100).send("train.csv", csv, 100)
                .send("test.txt", new byte[] {0, (byte) 0xff}, 100).send("train.txt", "nonsense".getBytes(
                        StandardCharsets.UTF_8), 100));
        assertUploadFails(Status.Code.INVALID_ARGUMENT, "holds test.csv beside train.txt", new Uploads(
                server.trainingAsync())
                .send("train.txt", "__label__a hello\n__label__b bye\n".getBytes(StandardCharsets.UTF_8), 100)
                .send("test.csv", "garbage \"unclosed".getBytes(StandardCharsets.UTF_8), 100));
        assertUploadFails(Status.Code.INVALID_ARGUMENT, "holds classes.txt beside train.txt: a dataset folder holds "
                + "the files of one layout", new Uploads(server.trainingAsync())
                .send("train.txt", "__label__a hello\n__label__b bye\n".getBytes(StandardCharsets.UTF_8), 100)
                .send("classes.txt", classes, 100));
        assertUploadFails(Status.Code.INVALID_ARGUMENT, "holds both train.csv and train.csv.gz",
                new Uploads(server.trainingAsync()).send("classes.txt", classes, 100).send("train.csv", csv, 100)
                        .send("train.csv.gz", gzip(csv), 100));
        assertUploadFails(Status.Code.INVALID_ARGUMENT, "holds both train.csv and train.csv.gz",
                new Uploads(server.trainingAsync()).send("classes.txt", classes, 100).send("train.csv", csv, 100)
                        .send("train.csv.gz", "junk".getBytes(StandardCharsets.UTF_8), 100));
    }

    /** A gzip file cut short (a copy that stopped, a single byte) is bad input, not a server error. */
    @Test
    void refusesAGzipFileCutShort() {
        byte[] classes = "x\ny\n".getBytes(StandardCharsets.UTF_8);
        byte[] packed = gzip("\"1\",\"a\",\"b\"\n\"2\",\"c\",\"d\"\n".repeat(200).getBytes(StandardCharsets.UTF_8));
        for (byte[] cut : List.of(Arrays.copyOf(packed, packed.length / 2), new byte[] {'x'})) {
            assertUploadFails(Status.Code.INVALID_ARGUMENT, "train.csv.gz: not a whole gzip file: it ends before its "
                    + "data does", new Uploads(server.trainingAsync()).send("classes.txt", classes, 100)
                    .send("train.csv.gz", cut, 100));
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private Status assertUploadFails(Status.Code code, String words, Uploads upload) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> upload.finish().get(30, TimeUnit.SECONDS));
        Status status = Status.fromThrowable(e.getCause());
        assertEquals(code, status.getCode(), status::toString);
        assertTrue(status.getDescription().contains(words), status::getDescription);
        Statuses.assertClean(status.getDescription());
        assertNoUploadsLeft();
        return status;
    }

    private void assertNoUploadsLeft() {
        Path uploads = data.resolve("uploads");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try (Stream<Path> entries = Files.exists(uploads) ? Files.list(uploads) : Stream.empty()) {
                List<Path> left = entries.toList();
                if (left.isEmpty()) {
                    return;
                }
                assertTrue(System.nanoTime() < deadline, () -> "left behind: " + left);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread.onSpinWait();
        }
    }
}
