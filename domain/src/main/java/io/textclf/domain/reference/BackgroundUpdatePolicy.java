package io.textclf.domain.reference;

import java.util.Arrays;

/**
 * Decides, step by step, whether a training step hands its embedding update to the other core, from how long steps
 * take with and without: on a machine whose second core is at times shared (a virtual machine whose host is busy),
 * two busy cores can make each step several times slower than one, and the update is then better done where it is.
 * Nothing computed depends on the choice (both give the same bits), only the time.
 *
 * <p>Steps are timed in windows of {@link #WINDOW} (the time from one forward pass to the next; after the first
 * window, a gap longer than {@link #LONGEST_STEP} times the last window's mean step, an evaluation say, is left out).
 * The first windows ({@link #WARM_UP} by default) go without the background: the JIT compiler needs the other core
 * then. The background is probed right after them, and from then on, from time to time, the other way: one window
 * without the background, or {@link #PROBE_WINDOWS} with it, of which the faster counts (the first window after
 * handing updates to the other core again pays for the change). The way in use stands for itself with the median of
 * its last {@link #RECENT} windows, so that one window slowed down by something else decides nothing. After the probe
 * the background keeps or takes its place unless the steps without it were more than {@link #MARGIN} times faster.
 *
 * <p>With the background in use, the steps without it are probed after {@link #PROBE_EVERY} windows, then after
 * twice as many each time the background wins, up to {@link #LONGEST_PROBE_INTERVAL}; and at once when its recent
 * median takes more than {@link #SLOWDOWN} times the fastest window seen with it since the last probe (then after
 * {@link #PROBE_EVERY} windows again if the background keeps its place). Without it, the background is probed again
 * after {@link #FIRST_RETRY} windows, then after twice as many each time it loses, up to {@link #PROBE_EVERY}: a
 * probe lost to a passing slowdown costs little, and a lasting one is probed seldom.
 */
final class BackgroundUpdatePolicy {

    /** Steps in a window. */
    static final int WINDOW = 64;

    /** Windows at the start without the background (a first epoch's worth on debian_descriptions). */
    static final int WARM_UP = 12;

    /** Windows before the first probe of the steps without the background while it is in use. */
    static final int PROBE_EVERY = 16;

    /** The most windows between two probes of the steps without the background. */
    static final int LONGEST_PROBE_INTERVAL = 64;

    /** Windows before the background is probed again after a probe that left it off. */
    static final int FIRST_RETRY = 2;

    /** Windows a probe of the background lasts (a probe of the steps without it lasts one). */
    static final int PROBE_WINDOWS = 2;

    /** Windows of the way in use whose median stands for it. */
    static final int RECENT = 3;

    /** How much faster steps without the background must be for it to give way. */
    static final double MARGIN = 1.15;

    /** How much slower than its best the background's recent windows may be before it is put in doubt at once. */
    static final double SLOWDOWN = 1.6;

    /** The longest a step is taken to be, in mean steps of the last window; a longer gap had other work in it. */
    static final double LONGEST_STEP = 10;

    private final int warmUp;
    private boolean background;
    private int windows;
    private long lastStepAt = -1;
    private long windowNanos;
    private int windowSteps;
    private double lastWindowMean = Double.NaN;
    private int gapsLeftOut;
    /** The last windows of the way in use, oldest first, {@code recentCount} of them. */
    private final double[] recent = new double[RECENT];
    private int recentCount;
    /** Probe windows still to go, 0 when no probe is under way. */
    private int probeLeft;
    private double probeBest;
    private int windowsSinceProbe;
    private int nextProbe = PROBE_EVERY;
    private int retry = FIRST_RETRY;
    /** Whether the background won the last probe, which was not one for a slowdown. */
    private boolean backgroundWonLast;
    private boolean probeForSlowdown;
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
            remember(meanStep);
            if (windows == warmUp) {
                startProbe(false);
            }
            return;
        }
        if (probeLeft > 0) {
            probeBest = Math.min(probeBest, meanStep);
            if (--probeLeft == 0) {
                endProbe();
            }
            return;
        }
        remember(meanStep);
        windowsSinceProbe++;
        if (background) {
            bestWith = Math.min(bestWith, meanStep);
        }
        boolean slowedDown = background && recentCount == RECENT && recentMedian() > SLOWDOWN * bestWith;
        if (windowsSinceProbe >= nextProbe || slowedDown) {
            startProbe(slowedDown);
        }
    }

    /** Goes the other way for a probe. */
    private void startProbe(boolean forSlowdown) {
        probeForSlowdown = forSlowdown;
        background = !background;
        probeLeft = background ? PROBE_WINDOWS : 1;
        probeBest = Double.POSITIVE_INFINITY;
    }

    /** Keeps the way in use or takes the probed one, and says when the next probe comes. */
    private void endProbe() {
        boolean probedBackground = background;
        double kept = recentMedian();
        double with = probedBackground ? probeBest : kept;
        double without = probedBackground ? kept : probeBest;
        boolean useBackground = !(without * MARGIN < with);
        if (useBackground != probedBackground) {
            background = useBackground;
        } else {
            // the probed way takes over: its probe is all that is known of it
            recentCount = 0;
            remember(probeBest);
        }
        windowsSinceProbe = 0;
        if (useBackground) {
            // measured against the present: a lasting slowdown that leaves it the faster way probes no more often
            bestWith = with;
            nextProbe = backgroundWonLast ? Math.min(2 * nextProbe, LONGEST_PROBE_INTERVAL) : PROBE_EVERY;
            retry = FIRST_RETRY;
        } else {
            nextProbe = retry;
            retry = Math.min(2 * retry, PROBE_EVERY);
        }
        backgroundWonLast = useBackground && !probeForSlowdown;
    }

    private void remember(double meanStep) {
        if (recentCount == RECENT) {
            System.arraycopy(recent, 1, recent, 0, RECENT - 1);
            recentCount--;
        }
        recent[recentCount++] = meanStep;
    }

    /** The median of the recent windows of the way in use, the lower one of two. */
    private double recentMedian() {
        double[] sorted = Arrays.copyOf(recent, recentCount);
        Arrays.sort(sorted);
        return sorted[(recentCount - 1) / 2];
    }
}
