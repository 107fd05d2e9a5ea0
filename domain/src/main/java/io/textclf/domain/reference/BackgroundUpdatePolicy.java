package io.textclf.domain.reference;

/**
 * Decides, step by step, whether a training step hands its embedding update to the other core, from how long steps
 * take with and without: on a machine whose second core is at times shared (a virtual machine whose host is busy),
 * two busy cores can make each step several times slower than one, and the update is then better done where it is.
 * Nothing computed depends on the choice (both give the same bits), only the time.
 *
 * <p>Steps are timed in windows of {@link #WINDOW} (the time from one forward pass to the next; after the first
 * window, a gap longer than {@link #LONGEST_STEP} times the last window's mean step, an evaluation say, is left out).
 * The first windows ({@link #WARM_UP} by default) go without the background: the JIT compiler needs the other core
 * then. The background is used after them. After every {@link #PROBE_EVERY} windows, one window goes the other way
 * (a probe); then the faster of the two latest windows wins, the background keeping its place unless the step without
 * it was more than {@link #MARGIN} times faster. A window with the background that takes more than
 * {@link #SLOWDOWN} times the fastest one seen with it since its last probe probes at once.
 */
final class BackgroundUpdatePolicy {

    /** Steps in a window. */
    static final int WINDOW = 64;

    /** Windows at the start without the background (a first epoch's worth on debian_descriptions). */
    static final int WARM_UP = 12;

    /** Windows between two probes of the other way. */
    static final int PROBE_EVERY = 16;

    /** How much faster steps without the background must be for it to give way. */
    static final double MARGIN = 1.15;

    /** How much slower than its best a window with the background may be before it is put in doubt at once. */
    static final double SLOWDOWN = 1.6;

    /** The longest a step is taken to be, in mean steps of the last window; a longer gap had other work in it. */
    static final double LONGEST_STEP = 10;

    private final int warmUp;
    private boolean background;
    private int windows;
    private boolean probing;
    private int windowsSinceProbe;
    private long lastStepAt = -1;
    private long windowNanos;
    private int windowSteps;
    private double lastWindowMean = Double.NaN;
    private int gapsLeftOut;
    private double latestWith = Double.NaN;
    private double latestWithout = Double.NaN;
    private double bestWith = Double.POSITIVE_INFINITY;

    /** A policy whose first {@link #WARM_UP} windows go without the background. */
    BackgroundUpdatePolicy() {
        this(WARM_UP);
    }

    /** A policy whose first {@code warmUp} windows go without the background. */
    BackgroundUpdatePolicy(int warmUp) {
        this.warmUp = warmUp;
        this.background = warmUp == 0;
    }

    /**
     * Records that a step starts at {@code nanos} ({@link System#nanoTime()}) and says whether it hands its update to
     * the other core.
     */
    boolean stepStarts(long nanos) {
        if (lastStepAt >= 0) {
            long step = nanos - lastStepAt;
            if (step >= 0 && (Double.isNaN(lastWindowMean) || step <= LONGEST_STEP * lastWindowMean)) {
                windowNanos += step;
                windowSteps++;
                gapsLeftOut = 0;
            } else if (++gapsLeftOut == WINDOW) {
                // a window's worth of long steps in a row: the steps got slower, not interrupted
                lastWindowMean = Double.NaN;
            }
        }
        lastStepAt = nanos;
        if (windowSteps == WINDOW) {
            lastWindowMean = (double) windowNanos / windowSteps;
            endWindow(lastWindowMean);
            windowNanos = 0;
            windowSteps = 0;
        }
        return background;
    }

    /** Whether steps now hand their update to the other core. */
    boolean background() {
        return background;
    }

    private void endWindow(double meanStep) {
        windows++;
        if (windows <= warmUp) {
            background = windows == warmUp;
            return;
        }
        if (background) {
            latestWith = meanStep;
            bestWith = Math.min(bestWith, meanStep);
        } else {
            latestWithout = meanStep;
        }
        if (probing) {
            probing = false;
            windowsSinceProbe = 0;
            background = !(latestWithout * MARGIN < latestWith);
            if (background) {
                // measured against the present: a lasting slowdown that leaves it the faster way probes no more often
                bestWith = latestWith;
            }
            return;
        }
        windowsSinceProbe++;
        boolean slowedDown = background && meanStep > SLOWDOWN * bestWith;
        if (windowsSinceProbe >= PROBE_EVERY || slowedDown) {
            probing = true;
            background = !background;
        }
    }
}
