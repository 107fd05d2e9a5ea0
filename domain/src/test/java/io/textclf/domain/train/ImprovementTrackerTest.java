package io.textclf.domain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Keras' and Lightning's rule: only a change by more than min-delta in the right direction is an improvement. */
class ImprovementTrackerTest {

    private static ValidationScores accuracy(double value) {
        return new ValidationScores(value, Double.NaN, Double.NaN);
    }

    @Test
    void aTieIsNoImprovementTheBestStaysTheEarlierEpoch() {
        ImprovementTracker tracker = new ImprovementTracker(ValidationMetric.ACCURACY, 0);
        assertTrue(tracker.observe(1, accuracy(0.8)));
        assertFalse(tracker.observe(2, accuracy(0.8)));
        assertEquals(1, tracker.bestEpoch());
        assertEquals(1, tracker.epochsWithoutImprovement());
        assertTrue(tracker.observe(3, accuracy(0.81)));
        assertEquals(3, tracker.bestEpoch());
        assertEquals(0, tracker.epochsWithoutImprovement());
    }

    @Test
    void aGainOfMinDeltaOrLessDoesNotCount() {
        ImprovementTracker tracker = new ImprovementTracker(ValidationMetric.ACCURACY, 0.01);
        assertTrue(tracker.observe(1, accuracy(0.5)));
        assertFalse(tracker.observe(2, accuracy(0.51)));
        assertTrue(tracker.observe(3, accuracy(0.5101)));
        assertEquals(3, tracker.bestEpoch());
    }

    @Test
    void theLossImprovesDownwardsAndAnEpochWithoutValidationNever() {
        ImprovementTracker tracker = new ImprovementTracker(ValidationMetric.LOSS, 0);
        assertTrue(tracker.observe(1, new ValidationScores(0.5, 0.9, 0.5)));
        assertFalse(tracker.observe(2, new ValidationScores(0.6, 0.9, 0.6)), "the same loss, whatever the accuracy");
        assertTrue(tracker.observe(3, new ValidationScores(0.4, 0.7, 0.4)), "a lower loss, whatever the accuracy");
        assertFalse(tracker.observe(4, ValidationScores.NONE));
        assertEquals(3, tracker.bestEpoch());
        assertEquals(1, tracker.epochsWithoutImprovement());
    }
}
