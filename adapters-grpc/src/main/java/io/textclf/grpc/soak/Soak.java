package io.textclf.grpc.soak;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.dataset.Dataset;
import io.textclf.domain.data.Example;
import io.textclf.domain.train.InvalidSettingException;
import io.textclf.grpc.ClientChannels;
import io.textclf.grpc.DurationText;
import io.textclf.grpc.ServerComponents;
import io.textclf.grpc.ServerSettings;
import io.textclf.grpc.TextclfServer;
import io.textclf.proto.v1.ClassificationServiceGrpc;
import io.textclf.proto.v1.ClassifyRequest;
import io.textclf.proto.v1.DeleteUploadRequest;
import io.textclf.proto.v1.ListModelsRequest;
import io.textclf.proto.v1.ModelServiceGrpc;
import io.textclf.proto.v1.ModelSpec;
import io.textclf.proto.v1.TrainRequest;
import io.textclf.proto.v1.TrainingParameters;
import io.textclf.proto.v1.TrainingServiceGrpc;
import io.textclf.proto.v1.UploadDatasetRequest;
import io.textclf.proto.v1.UploadDatasetResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A bounded soak of the server on loopback: Classify from several threads, a Train loop, uploads
 * (each deleted when stored) and ListModels, all at once, while the process's resident memory and heap are sampled each second.
 * At the end the server is closed and started again on the folders it left, to show it restarts.
 * The server runs in this process, so the memory figures are the server's plus the small, constant
 * cost of the load (latencies go into fixed histograms).
 */
public final class Soak {

    /** Refusals the server's limits promise: not counted as failures. */
    private static final Set<String> PROMISED_REFUSALS = Set.of("Train RESOURCE_EXHAUSTED",
            "UploadDataset RESOURCE_EXHAUSTED");
    private static final String MODEL = "soak";
    private static final int UPLOAD_CHUNK = 256 << 10;
    private static final int MAX_CLASSIFY_THREADS = 256;
    private static final int MAX_TEXTS_PER_CALL = 1024;
    private static final Duration CALL_DEADLINE = Duration.ofMinutes(2);
    private static final long SAMPLE_NANOS = 1_000_000_000L;

    /**
     * What to run.
     *
     * @param dataset         a dataset folder (AG News CSV layout or fastText) to train on, upload and classify
     * @param duration        how long the load runs, positive
     * @param classifyThreads threads calling Classify back to back, in [1, 256]
     * @param trainEvery      a 1-epoch Train starts this often (or when the last one ends, if later), positive
     * @param uploadEvery     an upload of the dataset's files starts this often, positive
     * @param listEvery       a ListModels call this often, positive
     * @param textsPerCall    texts in one Classify call, in [1, 1024]
     * @param settings        how to run the server (its models folder and data root are left for inspection);
     *                        it listens on 127.0.0.1, a free port, without tokens or TLS
     */
    public record Settings(Path dataset, Duration duration, int classifyThreads, Duration trainEvery,
                           Duration uploadEvery, Duration listEvery, int textsPerCall, ServerSettings settings) {
        public Settings {
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(settings, "settings");
            check(duration, classifyThreads, trainEvery, uploadEvery, listEvery, textsPerCall);
        }

        /**
         * Checks the load's values, as the constructor does, before anything is made for the soak.
         *
         * @throws InvalidSettingException naming the first value out of range as {@code bench soak}'s flag
         *                                 ({@code classify-threads}, {@code train-every})
         */
        public static void check(Duration duration, int classifyThreads, Duration trainEvery, Duration uploadEvery,
                                 Duration listEvery, int textsPerCall) {
            Map<String, Duration> intervals = new LinkedHashMap<>();
            intervals.put("duration", duration);
            intervals.put("train-every", trainEvery);
            intervals.put("upload-every", uploadEvery);
            intervals.put("list-every", listEvery);
            intervals.forEach((name, interval) -> {
                if (interval.isNegative() || interval.isZero()) {
                    throw new InvalidSettingException(name, "must be positive, was " + DurationText.of(interval));
                }
            });
            if (classifyThreads < 1 || classifyThreads > MAX_CLASSIFY_THREADS) {
                throw new InvalidSettingException("classify-threads", "must be in [1, " + MAX_CLASSIFY_THREADS
                        + "], was " + classifyThreads);
            }
            if (textsPerCall < 1 || textsPerCall > MAX_TEXTS_PER_CALL) {
                throw new InvalidSettingException("texts-per-call", "must be in [1, " + MAX_TEXTS_PER_CALL
                        + "], was " + textsPerCall);
            }
        }

        /**
         * Defaults for a soak of {@code duration} with models and data under {@code workDir}: 4 Classify
         * threads of 16 texts, a Train every 5 s, an upload every 10 s, ListModels every second; the
         * server's defaults but no call log (the soak reports the calls itself).
         */
        public static Settings defaults(Path dataset, Path workDir, Duration duration) {
            return new Settings(dataset, duration, 4, Duration.ofSeconds(5), Duration.ofSeconds(10),
                    Duration.ofSeconds(1), 16, ServerSettings.defaults(workDir.resolve("models"),
                    workDir.resolve("data")).withObservability(new ServerSettings.Observability(-1, "off")));
        }
    }

    /**
     * One kind of call.
     *
     * @param call         the method's name
     * @param succeeded    calls that succeeded
     * @param errorsByCode failed calls by status code
     * @param firstErrors  the first description seen of each code
     * @param p50Millis    median latency of the successful calls
     * @param p99Millis    99th percentile
     * @param maxMillis    slowest
     */
    public record CallSummary(String call, long succeeded, Map<String, Long> errorsByCode,
                              Map<String, String> firstErrors, double p50Millis, double p99Millis, double maxMillis) {
        /** Failed calls that are not refusals a limit promises. */
        public long unexpectedErrors() {
            return errorsByCode.entrySet().stream().filter(e -> !PROMISED_REFUSALS.contains(call + " " + e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    /**
     * The process's memory at one moment.
     *
     * @param seconds          since the load started
     * @param rssBytes         resident set size (VmRSS); -1 when unknown
     * @param heapUsedBytes    heap in use, garbage included
     * @param heapAfterGcBytes heap in use after the last collection of each pool (the live data)
     */
    public record MemorySample(double seconds, long rssBytes, long heapUsedBytes, long heapAfterGcBytes) {
    }

    /**
     * The server started again on the soak's folders.
     *
     * @param ok       it started, listed the models and classified
     * @param seconds  how long the start took
     * @param versions versions served after the restart, by model
     * @param problem  why not, when not ok
     */
    public record Restart(boolean ok, double seconds, Map<String, List<Long>> versions, String problem) {
    }

    /**
     * The outcome.
     *
     * @param seconds how long the load ran
     * @param calls   per kind of call
     * @param memory  one sample a second
     * @param restart the restart on the folders left
     */
    public record Report(double seconds, List<CallSummary> calls, List<MemorySample> memory, Restart restart) {
        public long unexpectedErrors() {
            return calls.stream().mapToLong(CallSummary::unexpectedErrors).sum();
        }

        /** The first sample at or after {@code seconds} (the last one when none is). */
        public MemorySample sampleAt(double seconds) {
            return memory.stream().filter(s -> s.seconds() >= seconds).findFirst().orElse(memory.get(memory.size() - 1));
        }

        /** The largest resident size from {@code seconds} on. */
        public long maxRssFrom(double seconds) {
            return memory.stream().filter(s -> s.seconds() >= seconds).mapToLong(MemorySample::rssBytes).max()
                    .orElse(-1);
        }
    }

    private final Settings settings;
    private final ServerComponents components;
    private final Consumer<String> progress;
    private final List<String> texts;
    private final CallStats classify = new CallStats("Classify");
    private final CallStats train = new CallStats("Train");
    private final CallStats upload = new CallStats("UploadDataset");
    private final CallStats list = new CallStats("ListModels");
    private final CallStats delete = new CallStats("DeleteUpload");
    private final List<MemorySample> memory = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;

    private Soak(Settings settings, ServerComponents components, Consumer<String> progress) {
        this.settings = settings;
        this.components = components;
        this.progress = progress;
        Dataset dataset = components.datasets().load(settings.dataset().toString(), BadRowPolicy.SKIP);
        this.texts = dataset.test().orElse(dataset.train()).examples().stream().limit(2_000).map(Example::text)
                .toList();
    }

    /** Runs a soak; {@code progress} gets a line every tenth of the duration (at most every 10 s). */
    public static Report run(Settings settings, ServerComponents components, Consumer<String> progress)
            throws IOException, InterruptedException {
        return new Soak(settings, components, progress).run();
    }

    private Report run() throws IOException, InterruptedException {
        ServerSettings server = serverSettings();
        copyDataset(settings.dataset(), server.dataRoot().resolve("soak-data"));
        TextclfServer running = TextclfServer.start(server, components);
        ManagedChannel channel = ClientChannels.open("127.0.0.1:" + running.port(), Optional.empty(), Optional.empty());
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        try {
            trainOnce(channel);
            for (int i = 0; i < settings.classifyThreads(); i++) {
                int offset = i * 97;
                threads.add(worker("soak-classify-" + i, () -> classifyLoop(channel, offset)));
            }
            threads.add(worker("soak-train", () -> every(settings.trainEvery(), () -> trainOnce(channel))));
            threads.add(worker("soak-upload", () -> every(settings.uploadEvery(), () -> uploadOnce(channel))));
            threads.add(worker("soak-list", () -> every(settings.listEvery(), () -> listOnce(channel))));
            sampleUntilDone(started);
        } finally {
            stopping = true;
            for (Thread thread : threads) {
                thread.join(CALL_DEADLINE.toMillis());
            }
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            running.close();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Restart restart = restart(server);
        return new Report(seconds, List.of(classify.summary(), train.summary(), upload.summary(), delete.summary(),
                list.summary()),
                List.copyOf(memory), restart);
    }

    private ServerSettings serverSettings() {
        return settings.settings().withHost("127.0.0.1").withPort(0).withTokens(List.of()).withTls(Optional.empty());
    }

    private void sampleUntilDone(long started) throws InterruptedException {
        long durationNanos = settings.duration().toNanos();
        long reportEvery = Math.min(TimeUnit.SECONDS.toNanos(10), Math.max(durationNanos / 10, 1));
        long nextReport = reportEvery;
        while (true) {
            long elapsed = System.nanoTime() - started;
            MemorySample sample = MemorySampler.sample(elapsed / 1e9);
            memory.add(sample);
            if (elapsed >= nextReport) {
                nextReport += reportEvery;
                progress.accept(String.format(java.util.Locale.ROOT,
                        "%5.0f s: classify %d, train %d, upload %d, list %d, errors %d; RSS %d MiB, heap %d MiB (live %d MiB)",
                        sample.seconds(), classify.summary().succeeded(), train.summary().succeeded(),
                        upload.summary().succeeded(), list.summary().succeeded(), errorsSoFar(), sample.rssBytes() >> 20,
                        sample.heapUsedBytes() >> 20, sample.heapAfterGcBytes() >> 20));
            }
            if (elapsed >= durationNanos) {
                return;
            }
            long nextSample = Math.min(durationNanos, (elapsed / SAMPLE_NANOS + 1) * SAMPLE_NANOS);
            TimeUnit.NANOSECONDS.sleep(Math.max(1, nextSample - (System.nanoTime() - started)));
        }
    }

    private long errorsSoFar() {
        return Stream.of(classify, train, upload, delete, list).map(CallStats::summary)
                .mapToLong(s -> s.errorsByCode().values().stream().mapToLong(Long::longValue).sum()).sum();
    }

    private void classifyLoop(ManagedChannel channel, int offset) {
        var stub = ClassificationServiceGrpc.newBlockingStub(channel);
        int next = offset;
        while (!stopping) {
            ClassifyRequest.Builder request = ClassifyRequest.newBuilder()
                    .setModelSpec(ModelSpec.newBuilder().setName(MODEL));
            for (int i = 0; i < settings.textsPerCall(); i++) {
                request.addTexts(texts.get(next++ % texts.size()));
            }
            timed(classify, () -> stub.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .classify(request.build()));
        }
    }

    private void trainOnce(ManagedChannel channel) {
        TrainRequest request = TrainRequest.newBuilder().setModelName(MODEL).setServerPath("soak-data")
                .setParameters(TrainingParameters.newBuilder().setEpochs(1)).build();
        timed(train, () -> TrainingServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.MINUTES)
                .train(request).forEachRemaining(event -> { }));
    }

    private void listOnce(ManagedChannel channel) {
        timed(list, () -> ModelServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .listModels(ListModelsRequest.getDefaultInstance()));
    }

    private void uploadOnce(ManagedChannel channel) {
        timed(upload, () -> {
            CompletableFuture<UploadDatasetResponse> response = new CompletableFuture<>();
            StreamObserver<UploadDatasetRequest> requests = TrainingServiceGrpc.newStub(channel)
                    .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .uploadDataset(new Completion<>(response));
            try (Stream<Path> files = Files.list(settings.dataset())) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    byte[] bytes = Files.readAllBytes(file);
                    for (int from = 0; from == 0 || from < bytes.length; from += UPLOAD_CHUNK) {
                        requests.onNext(UploadDatasetRequest.newBuilder()
                                .setFileName(from == 0 ? file.getFileName().toString() : "")
                                .setData(ByteString.copyFrom(bytes, from, Math.min(UPLOAD_CHUNK, bytes.length - from)))
                                .build());
                    }
                }
            } catch (IOException e) {
                requests.onError(e);
                throw new UncheckedIOException(e);
            }
            requests.onCompleted();
            String id = await(response).getUploadId();
            timed(delete, () -> TrainingServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .deleteUpload(DeleteUploadRequest.newBuilder().setUploadId(id).build()));
        });
    }

    private Restart restart(ServerSettings server) {
        long started = System.nanoTime();
        try (TextclfServer again = TextclfServer.start(server, components)) {
            double seconds = (System.nanoTime() - started) / 1e9;
            ManagedChannel channel = ClientChannels.open("127.0.0.1:" + again.port(), Optional.empty(),
                    Optional.empty());
            try {
                ModelServiceGrpc.newBlockingStub(channel).listModels(ListModelsRequest.getDefaultInstance());
                ClassificationServiceGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.MINUTES)
                        .classify(ClassifyRequest.newBuilder().setModelSpec(ModelSpec.newBuilder().setName(MODEL))
                                .addTexts(texts.get(0)).build());
                return new Restart(true, seconds, again.registry().versions(), "");
            } finally {
                channel.shutdownNow();
            }
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            return new Restart(false, (System.nanoTime() - started) / 1e9, Map.of(), String.valueOf(e));
        }
    }

    /** Runs {@code call} every {@code interval} (or right after it ends, if it took longer) until stopping. */
    private void every(Duration interval, Runnable call) {
        while (!stopping) {
            long start = System.nanoTime();
            call.run();
            long wait = interval.toNanos() - (System.nanoTime() - start);
            while (wait > 0 && !stopping) {
                sleepNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(200)));
                wait = interval.toNanos() - (System.nanoTime() - start);
            }
        }
    }

    private static void timed(CallStats stats, Runnable call) {
        long start = System.nanoTime();
        try {
            call.run();
            stats.succeeded(System.nanoTime() - start);
        } catch (StatusRuntimeException e) {
            stats.failed(e.getStatus());
        } catch (RuntimeException e) {
            stats.failed(Status.fromThrowable(e));
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw Status.DEADLINE_EXCEEDED.withDescription("no answer in time").asRuntimeException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread worker(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void copyDataset(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, target.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Completes a future with a call's one response or its error. */
    private record Completion<T>(CompletableFuture<T> future) implements StreamObserver<T> {
        @Override
        public void onNext(T value) {
            future.complete(value);
        }

        @Override
        public void onError(Throwable t) {
            future.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
            future.complete(null);
        }
    }
}
