package io.textclf.grpc;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.textclf.domain.train.InvalidSettingException;
import io.textclf.proto.v1.ClassificationServiceGrpc;
import io.textclf.proto.v1.ClassifyRequest;
import io.textclf.proto.v1.ClassifyResponse;
import io.textclf.proto.v1.ModelSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives Classify calls at a server for a bounded time and measures them.
 *
 * <p>Without a rate it keeps {@code concurrency} calls in flight (closed loop). With a rate it starts
 * calls on a fixed schedule (open loop), at most {@code concurrency} in flight, and measures each
 * latency from the moment the schedule meant to start the call, so a stalled server shows up in
 * the tail instead of slowing the load down.
 */
public final class LoadGenerator {

    /** The most texts per call and calls in flight a load may ask for (its requests are built up front). */
    private static final int MAX_BATCH = 1 << 16;
    private static final int MAX_CONCURRENCY = 10_000;
    /** The longest warm-up or measurement: a week, far below where nanosecond arithmetic overflows. */
    private static final Duration MAX_PHASE = Duration.ofDays(7);

    /** Requests cycled through, prepared before measuring. */
    private static final int DISTINCT_REQUESTS = 512;

    private LoadGenerator() {
    }

    /**
     * How to send, checked before any text is read: a value out of range throws {@link InvalidSettingException}
     * naming it as {@code bench serve}'s flag ({@code batch-size}, {@code deadline-ms}).
     *
     * @param batchSize   texts per call, in [1, 65536]
     * @param concurrency calls in flight at most, in [1, 10000]
     * @param rate        calls started per second; 0: as fast as the calls in flight allow
     * @param duration    how long to measure, positive
     * @param warmup      how long to send before measuring, not negative
     * @param model       model to ask; empty: the server's default
     * @param topK        classes per text, at least 0
     * @param deadline    deadline of each call, positive
     */
    public record Load(int batchSize, int concurrency, double rate, Duration duration, Duration warmup, String model,
                       int topK, Duration deadline) {

        public Load {
            Objects.requireNonNull(model, "model");
            require(batchSize >= 1 && batchSize <= MAX_BATCH, "batch-size",
                    "must be in [1, " + MAX_BATCH + "], was " + batchSize);
            require(concurrency >= 1 && concurrency <= MAX_CONCURRENCY, "concurrency",
                    "must be in [1, " + MAX_CONCURRENCY + "], was " + concurrency);
            require(topK >= 0, "top-k", "must be at least 0, was " + topK);
            require(rate >= 0 && Double.isFinite(rate), "rate", "must be 0 (unlimited) or positive, was " + rate);
            require(!duration.isNegative() && !duration.isZero() && duration.compareTo(MAX_PHASE) <= 0, "duration",
                    "must be positive and at most " + DurationText.of(MAX_PHASE) + ", was " + DurationText.of(duration));
            require(!warmup.isNegative() && warmup.compareTo(MAX_PHASE) <= 0, "warmup",
                    "must not be negative or more than " + DurationText.of(MAX_PHASE) + ", was "
                            + DurationText.of(warmup));
            require(!deadline.isNegative() && !deadline.isZero(), "deadline-ms",
                    "must be positive, was " + deadline.toMillis());
        }

        /** Refuses the value of {@code setting} unless {@code ok}. */
        private static void require(boolean ok, String setting, String problem) {
            if (!ok) {
                throw new InvalidSettingException(setting, problem);
            }
        }
    }

    /**
     * What to send: {@code texts}, cycled through in batches, with {@code load}.
     *
     * @param texts texts to classify, at least one
     * @param load  how to send them
     */
    public record Settings(List<String> texts, Load load) {

        public Settings {
            texts = List.copyOf(texts);
            Objects.requireNonNull(load, "load");
            if (texts.isEmpty()) {
                throw new IllegalArgumentException("texts to send are needed");
            }
        }
    }

    /**
     * The measurement.
     *
     * @param calls      calls completed without error while measuring
     * @param texts      texts they classified
     * @param errors     calls that failed while measuring
     * @param seconds    from the first call to the end of the last
     * @param p50Millis  median latency
     * @param p99Millis  99th percentile latency
     * @param maxMillis  largest latency
     * @param firstError status of the first failed call, empty when none failed
     * @param serverGone  whether a call found the server unavailable, which ended the run there
     */
    public record Report(long calls, long texts, long errors, double seconds, double p50Millis, double p99Millis,
                         double maxMillis, String firstError, boolean serverGone) {

        public double callsPerSecond() {
            return calls / seconds;
        }

        public double textsPerSecond() {
            return texts / seconds;
        }
    }

    /**
     * Sends one call and waits for it, then warms up, then measures for the settings' duration.
     *
     * @throws UnreachableTargetException when the first call fails: nothing listens, the model is not there, a token
     *                                    is missing; its message has the call's status
     */
    public static Report run(Channel channel, Settings settings) throws InterruptedException {
        List<ClassifyRequest> requests = requests(settings);
        try {
            ClassificationServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(settings.load().deadline().toNanos(), TimeUnit.NANOSECONDS)
                    .classify(requests.get(0));
        } catch (StatusRuntimeException e) {
            throw new UnreachableTargetException("cannot classify at " + channel.authority() + ": the first call "
                    + "failed with " + e.getStatus().getCode()
                    + (e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription()), e);
        }
        ClassificationServiceGrpc.ClassificationServiceStub stub = ClassificationServiceGrpc.newStub(channel);
        if (!settings.load().warmup().isZero()) {
            new Phase(stub, requests, settings, settings.load().warmup()).run();
        }
        return new Phase(stub, requests, settings, settings.load().duration()).run();
    }

    private static List<ClassifyRequest> requests(Settings settings) {
        List<String> texts = settings.texts();
        int count = Math.max(1, Math.min(DISTINCT_REQUESTS, texts.size() / settings.load().batchSize()));
        ModelSpec spec = ModelSpec.newBuilder().setName(settings.load().model()).build();
        List<ClassifyRequest> requests = new ArrayList<>(count);
        int next = 0;
        for (int r = 0; r < count; r++) {
            ClassifyRequest.Builder request = ClassifyRequest.newBuilder().setModelSpec(spec)
                    .setTopK(settings.load().topK());
            for (int i = 0; i < settings.load().batchSize(); i++) {
                request.addTexts(texts.get(next));
                next = (next + 1) % texts.size();
            }
            requests.add(request.build());
        }
        return requests;
    }

    /** One timed run: the calls, their latencies in nanoseconds and their errors. */
    private static final class Phase {

        private final ClassificationServiceGrpc.ClassificationServiceStub stub;
        private final List<ClassifyRequest> requests;
        private final Settings settings;
        private final long durationNanos;
        private final AtomicLong sequence = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicReference<String> firstError = new AtomicReference<>("");
        private final Latencies latencies = new Latencies();
        private long endNanos;
        /** Set when a call finds the server gone: the run stops rather than fail millions of calls at once. */
        private volatile boolean serverGone;

        Phase(ClassificationServiceGrpc.ClassificationServiceStub stub, List<ClassifyRequest> requests,
              Settings settings, Duration duration) {
            this.stub = stub;
            this.requests = requests;
            this.settings = settings;
            this.durationNanos = duration.toNanos();
        }

        Report run() throws InterruptedException {
            long start = System.nanoTime();
            endNanos = start + durationNanos;
            if (settings.load().rate() > 0) {
                runScheduled(start);
            } else {
                runClosedLoop();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] sorted = latencies.sorted();
            return new Report(sorted.length, (long) sorted.length * settings.load().batchSize(), errors.get(), seconds,
                    millis(percentile(sorted, 0.50)), millis(percentile(sorted, 0.99)), millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]),
                    firstError.get(), serverGone);
        }

        private void runClosedLoop() throws InterruptedException {
            CountDownLatch done = new CountDownLatch(settings.load().concurrency());
            for (int i = 0; i < settings.load().concurrency(); i++) {
                sendChained(done);
            }
            done.await();
        }

        private void sendChained(CountDownLatch done) {
            long sent = System.nanoTime();
            if (sent >= endNanos || serverGone) {
                done.countDown();
                return;
            }
            send(sent, () -> sendChained(done));
        }

        private void runScheduled(long start) throws InterruptedException {
            Semaphore inFlight = new Semaphore(settings.load().concurrency());
            double intervalNanos = 1e9 / settings.load().rate();
            for (long i = 0; ; i++) {
                long intended = start + (long) (i * intervalNanos);
                if (intended >= endNanos || serverGone) {
                    break;
                }
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                // a server slower than the rate leaves calls waiting for a slot: none is sent after the end
                if (!inFlight.tryAcquire(Math.max(0, endNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    break;
                }
                send(intended, inFlight::release);
            }
            inFlight.acquire(settings.load().concurrency());
        }

        private void send(long intendedStart, Runnable then) {
            ClassifyRequest request = requests.get((int) (sequence.getAndIncrement() % requests.size()));
            stub.withDeadlineAfter(settings.load().deadline().toNanos(), TimeUnit.NANOSECONDS)
                    .classify(request, new StreamObserver<>() {
                        @Override
                        public void onNext(ClassifyResponse response) {
                        }

                        @Override
                        public void onError(Throwable error) {
                            errors.incrementAndGet();
                            firstError.compareAndSet("", String.valueOf(error.getMessage()));
                            serverGone |= Status.fromThrowable(error).getCode() == Status.Code.UNAVAILABLE;
                            // a call that fails at once (the server went away) may report it on the thread that
                            // started it: the next call goes from another thread, or each would nest in the last
                            ForkJoinPool.commonPool().execute(then);
                        }

                        @Override
                        public void onCompleted() {
                            latencies.add(System.nanoTime() - intendedStart);
                            then.run();
                        }
                    });
        }
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    /** A growing array of latencies, appended to from the transport's threads. */
    private static final class Latencies {

        private long[] values = new long[1 << 16];
        private int size;

        synchronized void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }
}
