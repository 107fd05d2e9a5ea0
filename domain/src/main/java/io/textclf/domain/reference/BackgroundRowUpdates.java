package io.textclf.domain.reference;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * An update of embedding rows ({@link RowKernels#addScaledRowsTo}) done on a thread of its own while the caller goes
 * on with rows it does not touch; when the caller {@linkplain #finish() needs them}, it takes over the chunks that
 * thread has not started. Each row is updated by one thread, with the same arithmetic, so the bits do not depend on
 * who does which chunk. One update at a time: the caller finishes one before it starts the next, and nothing else
 * touches the update's rows or arrays in between. Once an update is done, the thread may also {@linkplain #readAhead
 * read ahead} rows the caller will read soon, so that they come from the caches. The thread starts with the first
 * update and ends at {@link #close()}.
 */
final class BackgroundRowUpdates implements AutoCloseable {

    /** Slots a thread claims at a time. */
    static final int CHUNK = 32;

    /** How many spin-wait hints a thread waiting for the other's last chunk gives before it yields its core. */
    private static final int SPINS_BEFORE_YIELDING = 100;

    /** How many spin-wait hints the idle thread gives before it parks, leaving its core to others. */
    private static final int SPINS_BEFORE_PARKING = 100;

    /** One update, split into chunks of {@link #CHUNK} slots that either thread may claim. */
    private record Update(float[] table, int[] rows, int[] slots, float factor, float[] source, int[] sourceRows,
                          int length, int chunks, AtomicInteger claimed, AtomicInteger done,
                          AtomicReference<Throwable> failure) {

        /**
         * Does chunks until none is left unclaimed, even after one fails (a failed chunk counts as done, the first
         * failure is kept before), so that waiting for the update always ends and then sees every failure.
         */
        void work(RowKernels kernels) {
            for (int chunk = claimed.getAndIncrement(); chunk < chunks; chunk = claimed.getAndIncrement()) {
                int from = chunk * CHUNK;
                try {
                    kernels.addScaledRowsTo(table, rows, slots, from, Math.min(slots.length, from + CHUNK), factor,
                            source, sourceRows, length);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.incrementAndGet();
                }
            }
        }

        boolean allClaimed() {
            return claimed.get() >= chunks;
        }

        boolean finished() {
            return done.get() == chunks;
        }
    }

    /** Rows to read into the caches, asked for while {@code during} was the current update. */
    private record ReadAhead(float[] table, int[] rows, int length, Update during) {
    }

    /** How many rows the thread reads ahead between two looks for a new update. */
    private static final int READ_AHEAD_BATCH = 16;

    /** Floats in a 64-byte cache line: reading one of them brings in the line. */
    private static final int FLOATS_PER_LINE = 16;

    private final RowKernels kernels;
    private Thread thread;
    private volatile Update current;
    private volatile ReadAhead readAhead;
    /** What reading ahead read, kept so that the compiler cannot drop the reads. */
    private float readAheadSink;
    private volatile boolean closed;
    private volatile Throwable failure;

    BackgroundRowUpdates(RowKernels kernels) {
        this.kernels = kernels;
    }

    /**
     * Starts {@code addScaledRowsTo(table, rows, slots, 0, slots.length, factor, source, sourceRows, length)} on the
     * thread; the arrays must stay as they are until {@link #finish()} returns.
     *
     * @throws IllegalStateException when the previous update was not finished, or after {@link #close()}
     */
    void start(float[] table, int[] rows, int[] slots, float factor, float[] source, int[] sourceRows, int length) {
        if (closed) {
            throw new IllegalStateException("the background row updates were closed");
        }
        if (current != null && !current.finished()) {
            throw new IllegalStateException("the previous background row update was not finished");
        }
        current = new Update(table, rows, slots, factor, source, sourceRows, length, (slots.length + CHUNK - 1) / CHUNK,
                new AtomicInteger(), new AtomicInteger(), new AtomicReference<>());
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
            update.work(kernels);
            // the other thread is finishing a chunk: if it lost its core (to this thread, say), give it the core
            for (int spin = 1; !update.finished(); spin++) {
                if (spin % SPINS_BEFORE_YIELDING == 0) {
                    Thread.yield();
                } else {
                    Thread.onSpinWait();
                }
            }
            if (failure == null && update.failure().get() != null) {
                failure = update.failure().get();
            }
        }
        Throwable cause = failure;
        if (cause != null) {
            throw new IllegalStateException("a background update of embedding rows failed: " + cause, cause);
        }
    }

    /**
     * Asks the thread to read {@code rows} of {@code table} ({@code length} values a row) into the caches once the
     * current update is done, until the next update starts; a hint, which changes nothing the caller computes.
     */
    void readAhead(float[] table, int[] rows, int length) {
        Update update = current;
        if (update == null || closed) {
            return;
        }
        readAhead = new ReadAhead(table, rows, length, update);
        LockSupport.unpark(thread);
    }

    /** Whether the thread (or anyone) has claimed every chunk of the update started last: for tests. */
    boolean startedAll() {
        Update update = current;
        return update == null || update.allClaimed();
    }

    private void run() {
        Update seen = null;
        ReadAhead read = null;
        while (!closed) {
            Update update = current;
            if (update != seen) {
                update.work(kernels);
                seen = update;
                continue;
            }
            ReadAhead request = readAhead;
            if (request != null && request != read && request.during() == seen) {
                read(request);
                read = request;
                continue;
            }
            idle(seen, request);
        }
    }

    /**
     * Reads every cache line of the rows asked for, and stops early when a new update starts. The rows come from a
     * batch's distinct rows, within the table: the reads cannot fail.
     */
    private void read(ReadAhead request) {
        float[] table = request.table();
        int[] rows = request.rows();
        int length = request.length();
        float sum = 0;
        for (int j = 0; j < rows.length; j++) {
            if (j % READ_AHEAD_BATCH == 0 && current != request.during()) {
                break;
            }
            int row = rows[j] * length;
            for (int i = 0; i < length; i += FLOATS_PER_LINE) {
                sum += table[row + i];
            }
            sum += table[row + length - 1];
        }
        readAheadSink += sum;
    }

    /**
     * Waits a little for an update other than {@code seen} or a request other than {@code request}, then parks until
     * {@link #start}, {@link #readAhead} or {@link #close()} unparks it.
     */
    private void idle(Update seen, ReadAhead request) {
        for (int spin = 0; spin < SPINS_BEFORE_PARKING; spin++) {
            if (current != seen || readAhead != request || closed) {
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
