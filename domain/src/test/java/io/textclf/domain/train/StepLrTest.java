package io.textclf.domain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StepLrTest {

    // Printed by src/test/python/make_fixtures.py with PyTorch 1.13.0a0: get_last_lr() of StepLR on SGD(lr=5)
    // before any step, then after each of six scheduler.step() calls.
    private static final double[] PYTORCH_STEP_SIZE_1_GAMMA_01 =
            {5.0, 0.5, 0.05, 0.005000000000000001, 0.0005000000000000001, 5.0000000000000016e-05, 5.000000000000002e-06};
    private static final double[] PYTORCH_STEP_SIZE_2_GAMMA_05 = {5.0, 5.0, 2.5, 2.5, 1.25, 1.25, 0.625};

    @Test
    void tutorialScheduleMatchesPyTorch() {
        assertRates(new StepLr(5, 1, 0.1), PYTORCH_STEP_SIZE_1_GAMMA_01);
    }

    @Test
    void stepSizeTwoMatchesPyTorch() {
        assertRates(new StepLr(5, 2, 0.5), PYTORCH_STEP_SIZE_2_GAMMA_05);
    }

    @Test
    void countsItsSteps() {
        StepLr stepLr = new StepLr(1, 3, 0.5);
        stepLr.step();
        stepLr.step();
        assertEquals(2, stepLr.steps());
        assertEquals(1, stepLr.learningRate());
        stepLr.step();
        assertEquals(0.5, stepLr.learningRate());
    }

    @Test
    void rejectsInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> new StepLr(0, 1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new StepLr(-1, 1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new StepLr(Double.NaN, 1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new StepLr(5, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new StepLr(5, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new StepLr(5, 1, Double.NaN));
    }

    private static void assertRates(StepLr stepLr, double[] expected) {
        for (int step = 0; step < expected.length; step++) {
            assertEquals(expected[step], stepLr.learningRate(), "after " + step + " steps: the same bits as PyTorch");
            stepLr.step();
        }
    }
}
