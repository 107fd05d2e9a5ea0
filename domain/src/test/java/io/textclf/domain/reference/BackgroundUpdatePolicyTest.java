package io.textclf.domain.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackgroundUpdatePolicyTest {

    private static final int WINDOW = BackgroundUpdatePolicy.WINDOW;
    private static final int PROBE_EVERY = BackgroundUpdatePolicy.PROBE_EVERY;

    /**
     * Steps timed by a clock that says how long a step takes with the background and without; it starts after the
     * policy's warm-up, whose steps it does not count.
     */
    private static final class Run {
        final BackgroundUpdatePolicy policy = new BackgroundUpdatePolicy();
        long now;
        int stepsWith;
        int stepsWithout;

        Run() {
            steps(BackgroundUpdatePolicy.WARM_UP, 250_000, 250_000);
            stepsWith = 0;
            stepsWithout = 0;
        }

        /** {@code windows} windows of steps taking {@code with} or {@code without} nanoseconds. */
        void steps(int windows, long with, long without) {
            for (int s = 0; s < windows * WINDOW; s++) {
                boolean background = policy.stepStarts(now);
                now += background ? with : without;
                if (background) {
                    stepsWith++;
                } else {
                    stepsWithout++;
                }
            }
        }
    }

    @Test
    void theWarmUpGoesWithoutTheBackground() {
        BackgroundUpdatePolicy policy = new BackgroundUpdatePolicy();
        long now = 0;
        for (int s = 0; s < BackgroundUpdatePolicy.WARM_UP * WINDOW; s++) {
            assertFalse(policy.stepStarts(now), "step " + s);
            now += 100_000;
        }
        assertTrue(policy.stepStarts(now));
    }

    @Test
    void theBackgroundStaysWhileItIsFasterApartFromOneProbeWindowInSeventeen() {
        Run run = new Run();
        run.steps(PROBE_EVERY * 10, 250_000, 300_000);
        assertTrue(run.policy.background());
        // one window in PROBE_EVERY + 1 without (the probe), give or take the first window's missing step
        assertEquals(PROBE_EVERY * 10 * WINDOW / (PROBE_EVERY + 1), run.stepsWithout, WINDOW);
    }

    @Test
    void itAlsoStaysWhenStepsWithoutAreFasterByLessThanTheMargin() {
        Run run = new Run();
        run.steps(PROBE_EVERY * 4, 300_000, 280_000);
        assertTrue(run.policy.background());
    }

    @Test
    void aSlowdownWithTheBackgroundTurnsItOffWithinTwoWindowsAndItComesBackAfterwards() {
        Run run = new Run();
        run.steps(20, 250_000, 300_000);
        assertTrue(run.policy.background());
        // the machine's second core gets shared: with the background, steps take 2.5 times as long
        run.steps(1, 750_000, 300_000);
        run.steps(2, 750_000, 300_000);
        assertFalse(run.policy.background(), "off after the slow window and a probe");
        int before = run.stepsWith;
        run.steps(PROBE_EVERY - 1, 750_000, 300_000);
        assertEquals(before, run.stepsWith, "no background step until the next probe");
        run.steps(2 * (PROBE_EVERY + 1), 750_000, 300_000);
        assertFalse(run.policy.background(), "probes find it still slower");
        // the core is free again
        int without = run.stepsWithout;
        run.steps(2 * (PROBE_EVERY + 1), 250_000, 300_000);
        assertTrue(run.policy.background(), "back after the next probe");
        assertTrue(run.stepsWithout - without <= (PROBE_EVERY + 2) * WINDOW, "within a probe's time");
    }

    @Test
    void aStartThatIsSlowerWithTheBackgroundTurnsItOffAtTheFirstProbe() {
        Run run = new Run();
        run.steps(PROBE_EVERY + 1, 700_000, 300_000);
        assertFalse(run.policy.background());
    }

    @Test
    void aLastingSlowdownThatLeavesTheBackgroundFasterDoesNotProbeEveryOtherWindow() {
        Run run = new Run();
        run.steps(20, 250_000, 300_000);
        int without = run.stepsWithout;
        run.steps(PROBE_EVERY * 6, 750_000, 1_000_000);
        assertTrue(run.policy.background());
        // the first slow window probes at once, then one window in PROBE_EVERY + 1 as before
        assertTrue(run.stepsWithout - without <= 8 * WINDOW, "probe windows: " + (run.stepsWithout - without) / WINDOW);
    }

    @Test
    void stepsLongerThanTenMillisecondsAreTimedToo() {
        Run run = new Run();
        run.steps(PROBE_EVERY + 2, 40_000_000, 20_000_000);
        assertFalse(run.policy.background());
    }

    @Test
    void gapsLongerThanAStepAreLeftOut() {
        Run run = new Run();
        run.steps(PROBE_EVERY, 250_000, 300_000);
        // an evaluation between epochs: one long gap, then steps as fast as before
        run.now += 1_000_000_000L;
        run.steps(3, 250_000, 300_000);
        assertTrue(run.policy.background());
    }
}
