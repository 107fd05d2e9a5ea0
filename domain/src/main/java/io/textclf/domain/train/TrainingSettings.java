package io.textclf.domain.train;

import java.util.Objects;

/**
 * Every hyperparameter of a training run. {@link #tutorial()} gives the tutorial's values.
 *
 * @param epochs             passes over the training split, at least 1 (tutorial: 10)
 * @param learningRate       the optimizer's initial learning rate, positive (tutorial: 5)
 * @param batchSize          documents per step, at least 1 (tutorial: 64)
 * @param embeddingDim       embedding size D, at least 1 (tutorial: 64)
 * @param gamma              the scheduler's factor, in (0, 1] (tutorial: 0.1)
 * @param stepSize           the step schedules' step size in scheduler steps, at least 1 (tutorial: 1)
 * @param clipNorm           max total gradient L2 norm, positive (tutorial: 0.1)
 * @param validationFraction share of the training file held out to validate, in [0, 1) (tutorial: 0.05)
 * @param seed               seed of the initial weights, the split and the shuffles
 * @param initRange          weights start uniform in [-initRange, initRange) (tutorial: 0.5)
 * @param minFreq            tokens seen fewer times are left out of the vocabulary (tutorial: 1)
 * @param maxTokens          largest vocabulary size including {@code <unk>}, 0 for no limit
 * @param logInterval        batches between progress reports (tutorial: 500)
 * @param optimizer          the update rule (tutorial: plain SGD)
 * @param scheduler          the learning-rate schedule (tutorial: {@link SchedulerSpec.OnValidationDrop})
 * @param monitor            the validation metric that early stopping, the best model and
 *                           reduce-on-plateau watch (default: accuracy)
 * @param patience           epochs without improvement of {@code monitor} before training stops,
 *                           0 to never stop early (default)
 * @param minDelta           the least change of {@code monitor} that counts as an improvement, at least 0
 */
public record TrainingSettings(
        int epochs,
        double learningRate,
        int batchSize,
        int embeddingDim,
        double gamma,
        int stepSize,
        double clipNorm,
        double validationFraction,
        long seed,
        double initRange,
        int minFreq,
        int maxTokens,
        int logInterval,
        OptimizerSpec optimizer,
        SchedulerSpec scheduler,
        ValidationMetric monitor,
        int patience,
        double minDelta) {

    public static final long DEFAULT_SEED = 1;

    public TrainingSettings {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(monitor, "monitor");
        check(epochs >= 1, "epochs must be at least 1, was " + epochs);
        check(learningRate > 0 && Double.isFinite(learningRate), "lr must be positive, was " + learningRate);
        check(batchSize >= 1, "batch size must be at least 1, was " + batchSize);
        check(embeddingDim >= 1, "embedding dim must be at least 1, was " + embeddingDim);
        check(gamma > 0 && gamma <= 1, "gamma must be in (0, 1], was " + gamma);
        check(stepSize >= 1, "step size must be at least 1, was " + stepSize);
        check(clipNorm > 0 && Double.isFinite(clipNorm), "clip norm must be positive, was " + clipNorm);
        check(validationFraction >= 0 && validationFraction < 1,
                "validation fraction must be in [0, 1), was " + validationFraction);
        check(initRange > 0 && Double.isFinite(initRange), "init range must be positive, was " + initRange);
        check(minFreq >= 1, "min freq must be at least 1, was " + minFreq);
        check(maxTokens == 0 || maxTokens >= 2, "max tokens must be 0 (no limit) or at least 2, was " + maxTokens);
        check(logInterval >= 1, "log interval must be at least 1, was " + logInterval);
        check(patience >= 0, "patience must be at least 0, was " + patience);
        check(minDelta >= 0 && Double.isFinite(minDelta), "min delta must be at least 0, was " + minDelta);
        check(!(scheduler instanceof SchedulerSpec.ReduceOnPlateau) || gamma < 1,
                "reduce-on-plateau needs gamma (its factor) below 1, was " + gamma);
        check(patience == 0 || validationFraction > 0,
                "early stopping (patience " + patience + ") needs a validation split: valid fraction is 0");
        check(!(scheduler instanceof SchedulerSpec.ReduceOnPlateau) || validationFraction > 0,
                "reduce-on-plateau needs a validation split: valid fraction is 0");
    }

    /** The tutorial's recipe without the newer settings: plain SGD, the tutorial's schedule, no early stopping. */
    public TrainingSettings(int epochs, double learningRate, int batchSize, int embeddingDim, double gamma,
                            int stepSize, double clipNorm, double validationFraction, long seed, double initRange,
                            int minFreq, int maxTokens, int logInterval) {
        this(epochs, learningRate, batchSize, embeddingDim, gamma, stepSize, clipNorm, validationFraction, seed,
                initRange, minFreq, maxTokens, logInterval, new OptimizerSpec.Sgd(),
                new SchedulerSpec.OnValidationDrop(), ValidationMetric.ACCURACY, 0, 0);
    }

    /** The tutorial's recipe with {@link #DEFAULT_SEED}. */
    public static TrainingSettings tutorial() {
        return new TrainingSettings(10, 5.0, 64, 64, 0.1, 1, 0.1, 0.05, DEFAULT_SEED, 0.5, 1, 0, 500);
    }

    public TrainingSettings withEpochs(int value) {
        return new TrainingSettings(value, learningRate, batchSize, embeddingDim, gamma, stepSize, clipNorm,
                validationFraction, seed, initRange, minFreq, maxTokens, logInterval, optimizer, scheduler, monitor,
                patience, minDelta);
    }

    public TrainingSettings withSeed(long value) {
        return new TrainingSettings(epochs, learningRate, batchSize, embeddingDim, gamma, stepSize, clipNorm,
                validationFraction, value, initRange, minFreq, maxTokens, logInterval, optimizer, scheduler, monitor,
                patience, minDelta);
    }

    public TrainingSettings withLearningRate(double value) {
        return new TrainingSettings(epochs, value, batchSize, embeddingDim, gamma, stepSize, clipNorm,
                validationFraction, seed, initRange, minFreq, maxTokens, logInterval, optimizer, scheduler, monitor,
                patience, minDelta);
    }

    public TrainingSettings withOptimizer(OptimizerSpec value) {
        return new TrainingSettings(epochs, learningRate, batchSize, embeddingDim, gamma, stepSize, clipNorm,
                validationFraction, seed, initRange, minFreq, maxTokens, logInterval, value, scheduler, monitor,
                patience, minDelta);
    }

    public TrainingSettings withScheduler(SchedulerSpec value) {
        return new TrainingSettings(epochs, learningRate, batchSize, embeddingDim, gamma, stepSize, clipNorm,
                validationFraction, seed, initRange, minFreq, maxTokens, logInterval, optimizer, value, monitor,
                patience, minDelta);
    }

    /** A copy that stops after {@code newPatience} epochs without an improvement of {@code metric} by more than {@code delta}. */
    public TrainingSettings withEarlyStopping(ValidationMetric metric, int newPatience, double delta) {
        return new TrainingSettings(epochs, learningRate, batchSize, embeddingDim, gamma, stepSize, clipNorm,
                validationFraction, seed, initRange, minFreq, maxTokens, logInterval, optimizer, scheduler, metric,
                newPatience, delta);
    }

    /** A copy with another scheduler factor and step size. */
    public TrainingSettings withGamma(double newGamma, int newStepSize) {
        return new TrainingSettings(epochs, learningRate, batchSize, embeddingDim, newGamma, newStepSize, clipNorm,
                validationFraction, seed, initRange, minFreq, maxTokens, logInterval, optimizer, scheduler, monitor,
                patience, minDelta);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
