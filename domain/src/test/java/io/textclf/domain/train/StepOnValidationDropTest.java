package io.textclf.domain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The tutorial's rule: {@code if total_accu is not None and total_accu > accu_val: scheduler.step()
 * else: total_accu = accu_val}.
 */
class StepOnValidationDropTest {

    @Test
    void stepsOnlyWhenAccuracyFallsStrictlyBelowTheBest() {
        StepOnValidationDrop scheduler = new StepOnValidationDrop(new StepLr(5, 1, 0.1));
        assertEquals(5, scheduler.learningRate());

        scheduler.afterEpoch(0.50);
        assertEquals(5, scheduler.learningRate(), "the first epoch sets the best");
        scheduler.afterEpoch(0.60);
        assertEquals(5, scheduler.learningRate(), "an improvement does not step");
        scheduler.afterEpoch(0.60);
        assertEquals(5, scheduler.learningRate(), "an equal accuracy does not step");
        scheduler.afterEpoch(0.55);
        assertEquals(0.5, scheduler.learningRate(), 1e-15, "a drop steps");
        scheduler.afterEpoch(0.58);
        assertEquals(0.05, scheduler.learningRate(), 1e-15, "still below 0.60: the best was not lowered to 0.55");
        scheduler.afterEpoch(0.61);
        assertEquals(0.05, scheduler.learningRate(), 1e-15);
        scheduler.afterEpoch(0.605);
        assertEquals(0.005, scheduler.learningRate(), 1e-15, "0.61 became the best");
    }

    @Test
    void firstEpochNeverStepsEvenAtZeroAccuracy() {
        StepOnValidationDrop scheduler = new StepOnValidationDrop(new StepLr(5, 1, 0.1));
        scheduler.afterEpoch(0);
        assertEquals(5, scheduler.learningRate());
        scheduler.afterEpoch(0);
        assertEquals(5, scheduler.learningRate());
    }

    @Test
    void stepsFollowTheStepLrStepSize() {
        StepOnValidationDrop scheduler = new StepOnValidationDrop(new StepLr(4, 2, 0.5));
        scheduler.afterEpoch(0.9);
        scheduler.afterEpoch(0.8);
        assertEquals(4, scheduler.learningRate(), "one drop is one StepLR step: not yet a full step_size");
        scheduler.afterEpoch(0.7);
        assertEquals(2, scheduler.learningRate());
    }
}
