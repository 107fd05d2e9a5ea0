package io.textclf.domain.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackgroundUpdatePolicyTest {

    private static final int WINDOW = BackgroundUpdatePolicy.WINDOW;
    private static final int PROBE_EVERY = BackgroundUpdatePolicy.PROBE_EVERY;
    private static final int PROBE_WINDOWS = BackgroundUpdatePolicy.PROBE_WINDOWS;
    private static final int RECENT = BackgroundUpdatePolicy.RECENT;
    private static final int FIRST_RETRY = BackgroundUpdatePolicy.FIRST_RETRY;

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

        /**
         * Five windows with the background faster, then the machine's second core gets shared: with the background,
         * steps take 2.5 times as long, and two slow windows and a probe turn it off.
         */
        void slowedDownUntilTheBackgroundGoesOff() {
            steps(5, 250_000, 300_000);
            assertTrue(policy.background());
            steps(RECENT - 1 + PROBE_WINDOWS, 750_000, 300_000);
            assertFalse(policy.background(), "off after two slow windows and a probe");
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
    void aBackgroundSlowerRightAfterTheWarmUpGoesOffAfterItsProbe() {
        BackgroundUpdatePolicy policy = new BackgroundUpdatePolicy();
        long now = 0;
        int stepsWith = 0;
        for (int s = 0; s < (BackgroundUpdatePolicy.WARM_UP + PROBE_WINDOWS + FIRST_RETRY) * WINDOW; s++) {
            boolean background = policy.stepStarts(now);
            // the JIT compiler still busy on the second core: the background doubles the step
            now += background ? 600_000 : 300_000;
            stepsWith += background ? 1 : 0;
        }
        assertEquals(PROBE_WINDOWS * WINDOW, stepsWith, 1);
        assertFalse(policy.background());
    }

    @Test
    void theBackgroundStaysWhileItIsFasterAndTheStepsWithoutItAreProbedLessAndLessOften() {
        Run run = new Run();
        run.steps(PROBE_EVERY * 10, 250_000, 300_000);
        assertTrue(run.policy.background());
        // the probe of the background after the warm-up (2 windows), then one window without after 16 windows with,
        // then after 32 and 64 (160 windows in all)
        assertEquals(3 * WINDOW, run.stepsWithout, 1, "windows without: " + (double) run.stepsWithout / WINDOW);
        run.steps(BackgroundUpdatePolicy.LONGEST_PROBE_INTERVAL * 4, 250_000, 300_000);
        assertEquals(7 * WINDOW, run.stepsWithout, 1, "no longer interval than 64 windows");
    }

    @Test
    void itAlsoStaysWhenStepsWithoutAreFasterByLessThanTheMargin() {
        Run run = new Run();
        run.steps(PROBE_EVERY * 4, 300_000, 280_000);
        assertTrue(run.policy.background());
    }

    @Test
    void oneSlowWindowWithTheBackgroundChangesNothing() {
        Run run = new Run();
        run.steps(5, 250_000, 300_000);
        int without = run.stepsWithout;
        // something else takes the machine for one window
        run.steps(1, 1_000_000, 1_000_000);
        run.steps(5, 250_000, 300_000);
        assertTrue(run.policy.background());
        assertEquals(without, run.stepsWithout, "no probe");
    }

    @Test
    void aSlowdownWithTheBackgroundTurnsItOffWithinFourWindowsAndItComesBackAfterwards() {
        Run run = new Run();
        run.slowedDownUntilTheBackgroundGoesOff();
        int before = run.stepsWith;
        run.steps(FIRST_RETRY - 1, 750_000, 300_000);
        assertEquals(before, run.stepsWith, "no background step until the next probe");
        run.steps(60, 750_000, 300_000);
        assertFalse(run.policy.background(), "probes find it still slower");
        assertTrue(run.stepsWith - before <= 5 * PROBE_WINDOWS * WINDOW,
                "probed less and less often: " + (run.stepsWith - before) / WINDOW + " windows with");
        // the core is free again
        int without = run.stepsWithout;
        run.steps(PROBE_EVERY + PROBE_WINDOWS + 1, 250_000, 300_000);
        assertTrue(run.policy.background(), "back after the next probe");
        assertTrue(run.stepsWithout - without <= (PROBE_EVERY + 1) * WINDOW, "within a probe's time");
    }

    @Test
    void aPassingSlowdownIsProbedAgainSoon() {
        Run run = new Run();
        run.slowedDownUntilTheBackgroundGoesOff();
        // the slowdown passes at once: the background is back after FIRST_RETRY windows and a probe
        run.steps(FIRST_RETRY + PROBE_WINDOWS, 250_000, 300_000);
        assertTrue(run.policy.background());
    }

    @Test
    void aProbeOfTheBackgroundCountsItsFasterWindow() {
        Run run = new Run();
        run.slowedDownUntilTheBackgroundGoesOff();
        // from now on the first window's steps with the background after a change take 1 ms, the others 250 us: a
        // probe that counted its first window would find the background four times as slow as it is
        boolean last = false;
        int sinceChange = 0;
        for (int s = 0; s < (FIRST_RETRY + PROBE_WINDOWS + 1) * WINDOW; s++) {
            boolean background = run.policy.stepStarts(run.now);
            sinceChange = background == last ? sinceChange + 1 : 0;
            last = background;
            run.now += !background ? 300_000 : sinceChange < WINDOW ? 1_000_000 : 250_000;
        }
        assertTrue(run.policy.background());
    }

    @Test
    void aStartThatIsSlowerWithTheBackgroundTurnsItOffAtTheFirstProbe() {
        Run run = new Run();
        run.steps(PROBE_EVERY + PROBE_WINDOWS, 700_000, 300_000);
        assertFalse(run.policy.background());
    }

    @Test
    void aLastingSlowdownThatLeavesTheBackgroundFasterDoesNotProbeEveryOtherWindow() {
        Run run = new Run();
        run.steps(5, 250_000, 300_000);
        int without = run.stepsWithout;
        run.steps(PROBE_EVERY * 6, 750_000, 1_000_000);
        assertTrue(run.policy.background());
        // the slowdown probes at once, then one probe in PROBE_EVERY + PROBE_WINDOWS windows as before
        assertTrue(run.stepsWithout - without <= 7 * PROBE_WINDOWS * WINDOW,
                "probe windows: " + (run.stepsWithout - without) / WINDOW);
    }

    @Test
    void stepsLongerThanTenMillisecondsAreTimedToo() {
        Run run = new Run();
        run.steps(PROBE_EVERY + PROBE_WINDOWS + 1, 40_000_000, 20_000_000);
        assertFalse(run.policy.background());
    }

    @Test
    void gapsLongerThanAStepAreLeftOut() {
        Run run = new Run();
        run.steps(PROBE_EVERY - 4, 250_000, 300_000);
        // an evaluation between epochs: one long gap, then steps as fast as before
        run.now += 1_000_000_000L;
        run.steps(3, 250_000, 300_000);
        assertTrue(run.policy.background());
    }
}
