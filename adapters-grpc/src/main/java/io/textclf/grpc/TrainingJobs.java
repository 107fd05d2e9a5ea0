package io.textclf.grpc;

import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs training jobs on threads of their own, at most a configured number at once; refuses more
 * with {@code RESOURCE_EXHAUSTED}. Shutting down cancels every running job.
 */
final class TrainingJobs {

    private final int max;
    private final Runnable onFinished;
    private final ExecutorService executor;
    private final Set<TrainingJob> running = new HashSet<>();
    private boolean closed;

    /** @param onFinished told each time a job ends, however it ends */
    TrainingJobs(int max, Runnable onFinished) {
        this.max = max;
        this.onFinished = onFinished;
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(max, task -> {
            Thread thread = new Thread(task, "textclf-train-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts {@code job} when a slot is free.
     *
     * @throws io.grpc.StatusRuntimeException {@code RESOURCE_EXHAUSTED} when every slot is taken,
     *                                        {@code UNAVAILABLE} after {@link #shutdown}
     */
    synchronized void start(TrainingJob job) {
        if (closed) {
            throw Status.UNAVAILABLE.withDescription("the server is shutting down").asRuntimeException();
        }
        if (running.size() >= max) {
            throw Status.RESOURCE_EXHAUSTED.withDescription(running.size() + " training jobs are running, the "
                    + "server's limit is " + max + ": try again when one has finished").asRuntimeException();
        }
        running.add(job);
        job.onRelease(() -> finished(job));
        executor.execute(job);
    }

    synchronized int running() {
        return running.size();
    }

    /** Refuses new jobs and cancels the running ones, telling their callers {@code reason}. */
    void shutdown(String reason) {
        List<TrainingJob> toCancel;
        synchronized (this) {
            closed = true;
            toCancel = new ArrayList<>(running);
        }
        toCancel.forEach(job -> job.cancel(reason));
        executor.shutdown();
    }

    /** Waits for the cancelled jobs to end; true when they all did in time. */
    boolean awaitTermination(Duration timeout) throws InterruptedException {
        return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void finished(TrainingJob job) {
        boolean removed;
        synchronized (this) {
            removed = running.remove(job);
        }
        if (removed) {
            onFinished.run();
        }
    }
}
