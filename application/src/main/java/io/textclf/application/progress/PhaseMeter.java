package io.textclf.application.progress;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the units of one phase as threads report them and tells the listener at most every
 * {@code step} units, then once at the end; thread-safe.
 */
public final class PhaseMeter {

    private final ProgressListener listener;
    private final String phase;
    private final long total;
    private final String unit;
    private final long step;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong reported = new AtomicLong();

    /** Starts the phase: reports 0 of {@code total}. */
    public PhaseMeter(ProgressListener listener, String phase, long total, String unit) {
        this.listener = listener;
        this.phase = phase;
        this.total = total;
        this.unit = unit;
        this.step = Math.max(1, total / 200);
        report(0);
    }

    /** Adds {@code units} done. */
    public void add(long units) {
        long now = Math.min(total, done.addAndGet(units));
        long last = reported.get();
        if (now < total && now - last >= step && reported.compareAndSet(last, now)) {
            report(now);
        }
    }

    /** Ends the phase: reports all of it done. */
    public void finish() {
        report(total);
    }

    private void report(long units) {
        synchronized (listener) {
            listener.onProgress(new PhaseProgress(phase, units, total, unit));
        }
    }
}
