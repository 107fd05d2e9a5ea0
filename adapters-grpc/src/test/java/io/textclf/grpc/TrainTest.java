package io.textclf.grpc;

import static io.textclf.grpc.Statuses.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.textclf.application.serve.ModelFootprint;
import io.textclf.domain.text.WordNgrams;
import io.textclf.modelformat.ModelFileStore;
import io.textclf.proto.v1.ClassifyResponse;
import io.textclf.proto.v1.GetModelMetadataRequest;
import io.textclf.proto.v1.GetModelMetadataResponse;
import io.textclf.proto.v1.ModelSpec;
import io.textclf.proto.v1.TrainEvent;
import io.textclf.proto.v1.TrainRequest;
import io.textclf.proto.v1.TrainingParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainTest {

    @TempDir
    Path folder;

    private Path models;
    private Path data;
    private InProcess server;

    @BeforeEach
    void start() {
        models = folder.resolve("models");
        data = folder.resolve("data");
        Fixtures.install(Fixtures.oneEpochModel(), models, "served", 1);
        Fixtures.copyDataset(Fixtures.AG_NEWS_MINI, data.resolve("news"));
        server = InProcess.start(InProcess.settings(models, data)
                .withLimits(Limits.DEFAULTS.withMaxEpochs(1000)));
    }

    @Test
    void moreEpochsThanTheServerAllowsAreRefused() {
        assertFails(Status.Code.INVALID_ARGUMENT, "parameters.epochs 1001 is more than this server allows (1000, "
                + "its --max-epochs)", () -> train(request().setParameters(TrainingParameters.newBuilder().setEpochs(1001))));
    }

    @Test
    void runsThatCannotBeDoneAsAskedAreRefusedBeforeTheJobStarts() {
        List<TrainEvent> events = new ArrayList<>();
        assertFails(Status.Code.INVALID_ARGUMENT, "parameters.threads 2 needs plain sgd", () -> server.training()
                .train(request().setParameters(TrainingParameters.newBuilder().setThreads(2).setOptimizer("adam"))
                        .build()).forEachRemaining(events::add));
        assertEquals(List.of(), events, "no started event");
        assertFails(Status.Code.INVALID_ARGUMENT, "keeping the best epoch (restore-best, best-output) needs a "
                + "validation split", () -> server.training().train(request().setRestoreBest(true).setParameters(
                        TrainingParameters.newBuilder().setValidFraction(0)).build()).forEachRemaining(events::add));
        assertEquals(List.of(), events, "no started event");
    }

    @Test
    void aModelNameTheModelsDirectoryHoldsAFileOfIsRefusedBeforeTraining() throws Exception {
        Files.writeString(models.resolve("notes"), "an operator's file, not a model's folder");
        List<TrainEvent> events = new ArrayList<>();
        assertFails(Status.Code.INVALID_ARGUMENT, "model 'notes' cannot be saved: the models directory holds a file "
                + "of that name", () -> server.training().train(request().setModelName("notes").build())
                .forEachRemaining(events::add));
        assertEquals(List.of(), events, "refused before training, not after it");
    }

    @Test
    void aModelPastTheMemoryBoundIsRefusedBeforeItIsTrained() throws Exception {
        server.close();
        long served = ModelFootprint.estimate(new ModelFileStore().load(Fixtures.oneEpochModel()));
        server = InProcess.start(InProcess.settings(models, data).withRepository(new ServerSettings.Repository(
                ServerSettings.Repository.DEFAULTS.policy(), served + served / 2,
                ServerSettings.Repository.DEFAULTS.pollInterval())));
        List<TrainEvent> events = new ArrayList<>();
        assertFails(Status.Code.RESOURCE_EXHAUSTED, "(refused before training)", () -> server.training()
                .train(request().build()).forEachRemaining(events::add));
        assertTrue(events.get(0).hasStarted(), events::toString);
        assertTrue(events.stream().noneMatch(TrainEvent::hasEpochEnd), () -> "no epoch was trained: " + events);
        if (Files.exists(models.resolve("news"))) {
            try (var left = Files.list(models.resolve("news"))) {
                assertFalse(left.findAny().isPresent(), "no version file is left");
            }
        }
        events.clear();
        server.training().train(request().setParameters(TrainingParameters.newBuilder().setEpochs(1)
                .setMaxTokens(5_000)).build()).forEachRemaining(events::add);
        assertTrue(events.get(events.size() - 1).hasCompleted(), "a smaller model fits: " + events);
    }

    @Test
    void wordNgramsAreTrainedRecordedDescribedAndAppliedAtClassify() {
        List<TrainEvent> events = new ArrayList<>();
        server.training().train(request().setParameters(TrainingParameters.newBuilder().setEpochs(10).setNgrams(2)
                .setBuckets(50_000)).build()).forEachRemaining(events::add);
        TrainEvent started = events.get(0);
        assertEquals(2, started.getStarted().getWordNgrams());
        assertEquals(50_000, started.getStarted().getBuckets());
        assertEquals(1, started.getStarted().getThreads());
        assertEquals(60.0, started.getStarted().getSettings().getLearningRate(), "plain sgd's rate with n-grams");
        TrainEvent completed = events.get(events.size() - 1);
        assertTrue(completed.hasCompleted(), completed::toString);
        assertTrue(completed.getCompleted().getMetrics().getTestAccuracy() > 0.83, completed::toString);
        assertTrue(completed.getCompleted().getServed(), completed::toString);

        ModelSpec spec = completed.getCompleted().getModelSpec();
        GetModelMetadataResponse metadata = server.models().getModelMetadata(GetModelMetadataRequest.newBuilder()
                .setModelSpec(spec).build());
        assertEquals("basic_english", metadata.getTokenizer());
        assertEquals(2, metadata.getWordNgrams());
        assertEquals(50_000, metadata.getBuckets());

        Path file = models.resolve("news/" + spec.getVersion() + ".textclf");
        ClassifyResponse response = server.classification().classify(ClassifyTest.request(Fixtures.NEWS, 4)
                .toBuilder().setModelSpec(spec).build());
        ClassifyTest.assertSame(ClassifyTest.expected(file, Fixtures.NEWS, 4), response);
        assertEquals(WordNgrams.of(2, 50_000), new ModelFileStore().load(file).pipeline().wordNgrams());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void badHyperparametersAreInvalidArguments() {
        assertFails(Status.Code.INVALID_ARGUMENT, "parameters.epochs must be in [1, 1000000], was 0", () -> train(request()
                .setParameters(TrainingParameters.newBuilder().setEpochs(0))));
        assertFails(Status.Code.INVALID_ARGUMENT, "parameters.batch_size must be in [1, 1048576], was 2147483647", () -> train(
                request().setParameters(TrainingParameters.newBuilder().setBatchSize(Integer.MAX_VALUE))));
        assertFails(Status.Code.INVALID_ARGUMENT, "parameters.lr must be positive, was -1.0", () -> train(request()
                .setParameters(TrainingParameters.newBuilder().setLr(-1))));
        assertFails(Status.Code.INVALID_ARGUMENT, "parameters.valid_fraction must be in [0, 1), was 1.0", () -> train(
                request().setParameters(TrainingParameters.newBuilder().setValidFraction(1))));
        assertFails(Status.Code.INVALID_ARGUMENT, "progress_interval_ms must be 0", () -> train(request()
                .setProgressIntervalMs(10)));
        assertFails(Status.Code.INVALID_ARGUMENT, "parameters.momentum does not apply to optimizer adam", () -> train(
                request().setParameters(TrainingParameters.newBuilder().setOptimizer("adam").setMomentum(0.9))));
    }

    @Test
    void badNamesBackendsAndMissingDataAreInvalidArguments() {
        assertFails(Status.Code.INVALID_ARGUMENT, "model_name is required", () -> train(request().setModelName("")));
        assertFails(Status.Code.INVALID_ARGUMENT, "model name '../x' is not allowed", () -> train(request()
                .setModelName("../x")));
        assertFails(Status.Code.INVALID_ARGUMENT, "unknown backend 'cobol' (available: reference",
                () -> train(request().setBackend("cobol")));
        assertFails(Status.Code.INVALID_ARGUMENT, "the data is required", () -> train(request().clearData()));
    }

    @Test
    void pathsMustStayInsideTheDataRoot() throws Exception {
        assertFails(Status.Code.INVALID_ARGUMENT, "server_path 'news/../../escape' may not contain '..'",
                () -> train(request()
                .setServerPath("news/../../escape")));
        assertFails(Status.Code.INVALID_ARGUMENT, "server_path '" + Fixtures.AG_NEWS_MINI.toAbsolutePath()
                + "' is absolute: give a path relative to the data root", () -> train(request()
                .setServerPath(Fixtures.AG_NEWS_MINI.toAbsolutePath().toString())));
        assertFails(Status.Code.INVALID_ARGUMENT, "server_path '/etc' is absolute: give a path relative to the data root",
                () -> train(request().setServerPath("/etc")));
        Files.createSymbolicLink(data.resolve("linked"), Fixtures.AG_NEWS_MINI.toAbsolutePath());
        assertFails(Status.Code.INVALID_ARGUMENT, "server_path 'linked' leaves the data root through a symbolic link",
                () -> train(request().setServerPath("linked")));
        Path sneaky = Files.createDirectories(data.resolve("sneaky"));
        Files.copy(Fixtures.AG_NEWS_MINI.resolve("classes.txt"), sneaky.resolve("classes.txt"));
        Files.createSymbolicLink(sneaky.resolve("train.csv"), Fixtures.AG_NEWS_MINI.resolve("train.csv").toAbsolutePath());
        assertFails(Status.Code.INVALID_ARGUMENT, "'sneaky/train.csv' leaves the data root through a symbolic link",
                () -> train(request().setServerPath("sneaky")));
    }

    @Test
    void unknownDataIsNotFound() {
        assertFails(Status.Code.NOT_FOUND, "server_path: nothing at 'missing' in the data root", () -> train(request()
                .setServerPath("missing")));
        assertFails(Status.Code.NOT_FOUND, "no dataset named 'imdb' (known: ag_news)", () -> train(request()
                .setDatasetName("imdb")));
        assertFails(Status.Code.NOT_FOUND, "no upload with id '0123456789abcdef0123456789abcdef'", () -> train(
                request().setUploadId("0123456789abcdef0123456789abcdef")));
    }

    @Test
    void dataThatCannotBeADatasetIsInvalid() throws Exception {
        assertFails(Status.Code.INVALID_ARGUMENT, "upload_id '../news' is not an upload id (32 lowercase hex digits)",
                () -> train(request().setUploadId("../news")));
        Files.writeString(data.resolve("file.csv"), "\"1\",\"a\",\"b\"\n");
        assertFails(Status.Code.INVALID_ARGUMENT, "server_path: 'file.csv' in the data root is a file, not a dataset "
                + "folder", () -> train(request().setServerPath("file.csv")));
    }

    @Test
    void aFolderThatIsNoDatasetIsInvalid() throws Exception {
        Files.createDirectories(data.resolve("empty"));
        Status status = assertFails(Status.Code.INVALID_ARGUMENT, "empty: expected train.csv", () -> train(request()
                .setServerPath("empty")));
        assertFalse(status.getDescription().contains(data.toString()), status::getDescription);
    }

    @Test
    void aSymbolicLinkInsideTheRootIsFollowed() throws Exception {
        Files.createSymbolicLink(data.resolve("alias"), data.resolve("news"));
        List<TrainEvent> events = drain(request().setServerPath("alias")
                .setParameters(TrainingParameters.newBuilder().setEpochs(1)));
        assertEquals(TrainEvent.EventCase.COMPLETED, events.get(events.size() - 1).getEventCase());
    }

    @Test
    void unreadableDataEndsWithAFailedEventAndNoNewVersion() throws Exception {
        Path broken = Files.createDirectories(data.resolve("broken"));
        Files.copy(Fixtures.AG_NEWS_MINI.resolve("classes.txt"), broken.resolve("classes.txt"));
        Files.writeString(broken.resolve("train.csv"), "\"1\",\"a\",\"b\"\n\"2\",\"c\",\"d\"\n\"9\",\"e\",\"f\"\n");
        TrainEvents events = new TrainEvents();
        server.trainingAsync().train(request().setServerPath("broken").build(), events);
        Status end = events.end(30);
        assertEquals(Status.Code.INVALID_ARGUMENT, end.getCode());
        List<TrainEvent> received = events.events();
        assertEquals(TrainEvent.EventCase.STARTED, received.get(0).getEventCase());
        TrainEvent last = received.get(received.size() - 1);
        assertEquals(TrainEvent.EventCase.FAILED, last.getEventCase());
        assertTrue(last.getFailed().getReason().startsWith("broken/train.csv:3: "), last::toString);
        Statuses.assertClean(last.getFailed().getReason());
        assertFalse(server.server.registry().versions().containsKey("news"));
        assertEquals(0, server.server.runningJobs());
        assertFalse(Files.exists(models.resolve("news").resolve("1.textclf")));
    }

    @Test
    void aSecondJobBeyondTheLimitIsRefusedAndCancellingFreesTheSlot() throws Exception {
        TrainEvents first = new TrainEvents();
        server.trainingAsync().train(longRun().build(), first);
        first.await(TrainEvent::hasProgress, 30);
        assertFails(Status.Code.RESOURCE_EXHAUSTED, "1 training jobs are running, the server's limit is 1",
                () -> train(longRun()));
        first.cancel();
        assertEquals(Status.Code.CANCELLED, first.end(10).getCode());
        awaitNoJobs();
        assertFalse(server.server.registry().versions().containsKey("news"));
        assertFalse(Files.exists(models.resolve("news").resolve("1.textclf")));
        List<TrainEvent> events = drain(request().setParameters(TrainingParameters.newBuilder().setEpochs(1)));
        assertEquals(1, events.get(events.size() - 1).getCompleted().getModelSpec().getVersion());
    }

    @Test
    void aDeadlineCancelsTheJob() throws Exception {
        assertFails(Status.Code.DEADLINE_EXCEEDED, "", () -> server.training()
                .withDeadlineAfter(1500, TimeUnit.MILLISECONDS).train(longRun().build()).forEachRemaining(e -> { }));
        awaitNoJobs();
    }

    @Test
    void classifyIsAnsweredWhileAJobRunsAndProgressIsRateBounded() throws Exception {
        TrainEvents job = new TrainEvents();
        server.trainingAsync().train(longRun().setProgressIntervalMs(100).build(), job);
        job.await(TrainEvent::hasProgress, 30);
        long started = System.nanoTime();
        int progressBefore = progressCount(job);
        for (int i = 0; i < 200; i++) {
            ClassifyResponse response = server.classification().withDeadlineAfter(2, TimeUnit.SECONDS)
                    .classify(ClassifyTest.request(Fixtures.NEWS, 1));
            assertEquals(4, response.getResultsCount());
        }
        Thread.sleep(1000);
        double seconds = (System.nanoTime() - started) / 1e9;
        int progress = progressCount(job) - progressBefore;
        assertEquals(1, server.server.runningJobs(), "the job runs on");
        assertTrue(progress >= 2 && progress <= seconds / 0.1 + 2,
                () -> progress + " progress events in " + seconds + " s at 100 ms apart at least");
        job.cancel();
        awaitNoJobs();
    }

    private static int progressCount(TrainEvents job) {
        return (int) job.events().stream().filter(TrainEvent::hasProgress).count();
    }

    private void awaitNoJobs() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.server.runningJobs() > 0) {
            assertTrue(System.nanoTime() < deadline, "the job was not cancelled");
            Thread.sleep(20);
        }
    }

    private List<TrainEvent> drain(TrainRequest.Builder request) {
        List<TrainEvent> events = new java.util.ArrayList<>();
        server.training().train(request.build()).forEachRemaining(events::add);
        return events;
    }

    private void train(TrainRequest.Builder request) {
        server.training().train(request.build()).forEachRemaining(event -> { });
    }

    private static TrainRequest.Builder request() {
        return TrainRequest.newBuilder().setModelName("news").setServerPath("news");
    }

    private static TrainRequest.Builder longRun() {
        return request().setParameters(TrainingParameters.newBuilder().setEpochs(1000));
    }
}
