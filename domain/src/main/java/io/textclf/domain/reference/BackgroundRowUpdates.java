package io.textclf.domain.reference;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An update of embedding rows ({@link RowKernels#addScaledRowsTo}) done on a thread of its own while the caller goes
 * on with rows it does not touch; when the caller {@linkplain #finish() needs them}, it takes over the chunks that
 * thread has not started. Each row is updated by one thread, with the same arithmetic, so the bits do not depend on
 * who does which chunk. One update at a time: the caller finishes one before it starts the next, and nothing else
 * touches the update's rows or arrays in between. The thread starts with the first update and ends at
 * {@link #close()}.
 */
final class BackgroundRowUpdates implements AutoCloseable {

    /** Slots a thread claims at a time. */
    static final int CHUNK = 32;

    /** How many times the idle thread checks for work before it parks (some tens of microseconds). */
    private static final int SPINS_BEFORE_PARKING = 1_000;

    /** One update, split into chunks of {@link #CHUNK} slots that either thread may claim. */
    private record Update(float[] table, int[] rows, int[] slots, float factor, float[] source, int length,
                          int chunks, AtomicInteger claimed, AtomicInteger done) {

        /** Does chunks until none is left unclaimed; a chunk that fails counts as done, its exception goes on. */
        void work(RowKernels kernels) {
            for (int chunk = claimed.getAndIncrement(); chunk < chunks; chunk = claimed.getAndIncrement()) {
                int from = chunk * CHUNK;
                try {
                    kernels.addScaledRowsTo(table, rows, slots, from, Math.min(slots.length, from + CHUNK), factor,
                            source, length);
                } finally {
                    done.incrementAndGet();
                }
            }
        }

        boolean finished() {
            return done.get() == chunks;
        }
    }

    private final RowKernels kernels;
    private Thread thread;
    private volatile Update current;
    private volatile boolean closed;
    private volatile Throwable failure;

    BackgroundRowUpdates(RowKernels kernels) {
        this.kernels = kernels;
    }

    /**
     * Starts {@code addScaledRowsTo(table, rows, slots, 0, slots.length, factor, source, length)} on the thread; the
     * arrays must stay as they are until {@link #finish()} returns.
     *
     * @throws IllegalStateException when the previous update was not finished, or after {@link #close()}
     */
    void start(float[] table, int[] rows, int[] slots, float factor, float[] source, int length) {
        if (closed) {
            throw new IllegalStateException("the background row updates were closed");
        }
        if (current != null && !current.finished()) {
            throw new IllegalStateException("the previous background row update was not finished");
        }
        current = new Update(table, rows, slots, factor, source, length, (slots.length + CHUNK - 1) / CHUNK,
                new AtomicInteger(), new AtomicInteger());
        if (thread == null) {
            thread = new Thread(this::run, "textclf-row-updates");
            thread.setDaemon(true);
            thread.start();
        }
        LockSupport.unpark(thread);
    }

    /**
     * Returns once the last update started is done (at once when there is none), doing the chunks the thread has not
     * claimed yet: its writes are then visible to the caller.
     *
     * @throws IllegalStateException when the update failed, on either thread, with its cause (and from then on)
     */
    void finish() {
        Update update = current;
        if (update != null) {
            try {
                update.work(kernels);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            while (!update.finished()) {
                Thread.onSpinWait();
            }
        }
        Throwable cause = failure;
        if (cause != null) {
            throw new IllegalStateException("a background update of embedding rows failed: " + cause, cause);
        }
    }

    private void run() {
        Update seen = null;
        try {
            while (!closed) {
                Update update = current;
                if (update == seen) {
                    idle(seen);
                    continue;
                }
                update.work(kernels);
                seen = update;
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    /** Waits a little for an update other than {@code seen}, then parks until {@link #start} or {@link #close()} unparks it. */
    private void idle(Update seen) {
        for (int spin = 0; spin < SPINS_BEFORE_PARKING; spin++) {
            if (current != seen || closed) {
                return;
            }
            Thread.onSpinWait();
        }
        LockSupport.park(this);
    }

    /** Finishes the update started, if any, and ends the thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            finish();
        } finally {
            closed = true;
            if (thread != null) {
                LockSupport.unpark(thread);
            }
        }
    }
}
