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
    private final PhaseMeter previous;
    private volatile boolean started;

    /** Starts the phase: reports 0 of {@code total}. */
    public PhaseMeter(ProgressListener listener, String phase, long total, String unit) {
        this(listener, phase, total, unit, null);
        start();
    }

    private PhaseMeter(ProgressListener listener, String phase, long total, String unit, PhaseMeter previous) {
        this.listener = listener;
        this.phase = phase;
        this.total = total;
        this.unit = unit;
        this.step = Math.max(1, total / 200);
        this.previous = previous;
    }

    /**
     * A phase that starts when its first units are done, which ends {@code previous}: for two phases of one
     * call whose threads report both (e.g. tokenizing, then encoding).
     */
    public PhaseMeter next(String phase, long total, String unit) {
        return new PhaseMeter(listener, phase, total, unit, this);
    }

    /** Adds {@code units} done. */
    public void add(long units) {
        start();
        long now = Math.min(total, done.addAndGet(units));
        long last = reported.get();
        if (now < total && now - last >= step && reported.compareAndSet(last, now)) {
            report(now);
        }
    }

    /** Ends the phase: reports all of it done (once: an empty phase was all done when it started). */
    public void finish() {
        start();
        if (total > 0) {
            report(total);
        }
    }

    private void start() {
        if (!started) {
            synchronized (this) {
                if (!started) {
                    if (previous != null) {
                        previous.finish();
                    }
                    report(0);
                    started = true;
                }
            }
        }
    }

    private void report(long units) {
        synchronized (listener) {
            listener.onProgress(new PhaseProgress(phase, units, total, unit));
        }
    }
}
