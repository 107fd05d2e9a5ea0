package io.textclf.domain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Each learning-rate schedule against PyTorch 1.13's scheduler stepped once per epoch (numbers from
 * {@code domain/src/test/python/optimizer_reference.py}).
 */
class SchedulerParityTest {

    private static final TrainingSettings BASE = TrainingSettings.tutorial().withLearningRate(PyTorchSchedulerFixtures.LR);

    @Test
    void stepLrEveryEpoch() {
        assertFollows(PyTorchSchedulerFixtures.STEP, BASE.withGamma(0.5, 3).withScheduler(new SchedulerSpec.Step()), null);
    }

    @Test
    void exponential() {
        assertFollows(PyTorchSchedulerFixtures.EXPONENTIAL,
                BASE.withGamma(0.9, 1).withScheduler(new SchedulerSpec.Exponential()), null);
    }

    @Test
    void cosineAnnealingIncludingItsSecondHalfPeriod() {
        assertFollows(PyTorchSchedulerFixtures.COSINE, BASE.withScheduler(new SchedulerSpec.Cosine(4, 0.01)), null);
    }

    @Test
    void linearWarmup() {
        assertFollows(PyTorchSchedulerFixtures.WARMUP, BASE.withScheduler(new SchedulerSpec.LinearWarmup(0.25, 4)), null);
    }

    @Test
    void reduceOnPlateauOnAccuracyWithCooldownAndFloor() {
        assertFollows(PyTorchSchedulerFixtures.PLATEAU_MAX, BASE.withGamma(0.5, 1)
                .withScheduler(new SchedulerSpec.ReduceOnPlateau(1, 1e-4, 1, 0.3)), PyTorchSchedulerFixtures.PLATEAU_ACCURACY);
    }

    @Test
    void reduceOnPlateauOnLoss() {
        TrainingSettings settings = BASE.withScheduler(new SchedulerSpec.ReduceOnPlateau(0, 1e-4, 0, 0))
                .withEarlyStopping(ValidationMetric.LOSS, 0, 0);
        assertFollows(PyTorchSchedulerFixtures.PLATEAU_MIN, settings, PyTorchSchedulerFixtures.PLATEAU_LOSS);
    }

    /** Given the accuracy alone, a schedule on the loss would cut the rate whatever the loss did: it refuses. */
    @Test
    void reduceOnPlateauOnLossRefusesTheAccuracyAlone() {
        Scheduler scheduler = new SchedulerSpec.ReduceOnPlateau(0, 1e-4, 0, 0)
                .create(BASE.withEarlyStopping(ValidationMetric.LOSS, 0, 0));
        assertEquals("this reduce-on-plateau schedule watches the validation loss, not the accuracy: give it the "
                + "epoch's ValidationScores", assertThrows(IllegalStateException.class,
                        () -> scheduler.afterEpoch(0.9)).getMessage());
        Scheduler onAccuracy = new SchedulerSpec.ReduceOnPlateau(0, 1e-4, 0, 0).create(BASE);
        onAccuracy.afterEpoch(0.9);
        onAccuracy.afterEpoch(0.8);
        assertEquals(BASE.learningRate() * BASE.gamma(), onAccuracy.learningRate(), 1e-15);
    }

    @Test
    void theTutorialsRuleStepsOnlyOnADrop() {
        Scheduler scheduler = new SchedulerSpec.OnValidationDrop().create(TrainingSettings.tutorial());
        double[] accuracies = {0.5, 0.6, 0.55, 0.7, 0.65};
        double[] expected = {5, 5, 5, 0.5, 0.5};
        for (int epoch = 0; epoch < accuracies.length; epoch++) {
            assertEquals(expected[epoch], scheduler.learningRate(), 1e-15, "epoch " + (epoch + 1));
            scheduler.afterEpoch(new ValidationScores(accuracies[epoch], 1, 0.5));
        }
        assertEquals(0.05, scheduler.learningRate(), 1e-15);
        scheduler.afterEpoch(ValidationScores.NONE);
        assertEquals(0.05, scheduler.learningRate(), 1e-15, "an epoch without validation changes nothing");
    }

    @Test
    void invalidSchedulesAreRefusedWithTheirRule() {
        InvalidSettingException tMax = assertThrows(InvalidSettingException.class,
                () -> new SchedulerSpec.Cosine(0, 0));
        assertEquals("t-max must be at least 1, was 0", tMax.getMessage());
        assertEquals("t-max", tMax.setting());
        assertEquals("warmup-start-factor must be in (0, 1], was 0.0",
                assertThrows(IllegalArgumentException.class, () -> new SchedulerSpec.LinearWarmup(0, 3)).getMessage());
        assertEquals("reduce-on-plateau needs gamma (its factor) below 1, was 1.0", assertThrows(
                IllegalArgumentException.class, () -> BASE.withGamma(1, 1)
                        .withScheduler(SchedulerSpec.ReduceOnPlateau.defaults())).getMessage());
    }

    private static void assertFollows(double[] expected, TrainingSettings settings, double[] metric) {
        Scheduler scheduler = settings.scheduler().create(settings);
        for (int epoch = 0; epoch < expected.length; epoch++) {
            assertEquals(expected[epoch], scheduler.learningRate(), Math.abs(expected[epoch]) * 1e-14,
                    settings.scheduler() + " epoch " + (epoch + 1));
            double value = metric == null ? 0.5 : metric[epoch];
            scheduler.afterEpoch(new ValidationScores(value, value, value));
        }
    }
}
