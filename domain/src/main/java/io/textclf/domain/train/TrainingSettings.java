package io.textclf.domain.train;

import java.util.Objects;

/**
 * Every hyperparameter of a training run. {@link #tutorial()} gives the tutorial's values.
 *
 * @param epochs             passes over the training split, in [1, {@link #MAX_EPOCHS}] (tutorial: 10)
 * @param learningRate       the optimizer's initial learning rate, positive (tutorial: 5)
 * @param batchSize          documents per step, in [1, {@link #MAX_BATCH_SIZE}] (tutorial: 64)
 * @param embeddingDim       embedding size D, in [1, {@link #MAX_EMBEDDING_DIM}] (tutorial: 64)
 * @param gamma              the scheduler's factor, in (0, 1] (tutorial: 0.1)
 * @param stepSize           the step schedules' step size in scheduler steps, in [1, {@link #MAX_EPOCHS}] (tutorial: 1)
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
 *                           0 to never stop early (default), at most {@link #MAX_EPOCHS}
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

    /** The most epochs a run may ask for (also the bound of the other counts of epochs). */
    public static final int MAX_EPOCHS = 1_000_000;
    /** The most documents one step may take. */
    public static final int MAX_BATCH_SIZE = 1 << 20;
    /** The widest embedding. */
    public static final int MAX_EMBEDDING_DIM = 1 << 16;

    public TrainingSettings {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(monitor, "monitor");
        checkRange("epochs", epochs, 1, MAX_EPOCHS);
        checkSetting(learningRate > 0 && Double.isFinite(learningRate), "lr", "must be positive, was " + learningRate);
        checkRange("batch-size", batchSize, 1, MAX_BATCH_SIZE);
        checkRange("embed-dim", embeddingDim, 1, MAX_EMBEDDING_DIM);
        checkSetting(gamma > 0 && gamma <= 1, "gamma", "must be in (0, 1], was " + gamma);
        checkRange("step-size", stepSize, 1, MAX_EPOCHS);
        checkSetting(clipNorm > 0 && Double.isFinite(clipNorm), "clip-norm", "must be positive, was " + clipNorm);
        checkSetting(validationFraction >= 0 && validationFraction < 1, "valid-fraction",
                "must be in [0, 1), was " + validationFraction);
        checkSetting(initRange > 0 && Double.isFinite(initRange), "init-range", "must be positive, was " + initRange);
        checkSetting(minFreq >= 1, "min-freq", "must be at least 1, was " + minFreq);
        checkSetting(maxTokens == 0 || maxTokens >= 2, "max-tokens",
                "must be 0 (no limit) or at least 2, was " + maxTokens);
        checkSetting(logInterval >= 1, "log-interval", "must be at least 1, was " + logInterval);
        checkRange("patience", patience, 0, MAX_EPOCHS);
        checkSetting(minDelta >= 0 && Double.isFinite(minDelta), "min-delta", "must be at least 0, was " + minDelta);
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

    /** These settings with the vocabulary cut at {@code newMinFreq} occurrences and {@code newMaxTokens} tokens. */
    public TrainingSettings withVocabulary(int newMinFreq, int newMaxTokens) {
        return new TrainingSettings(epochs, learningRate, batchSize, embeddingDim, gamma, stepSize, clipNorm,
                validationFraction, seed, initRange, newMinFreq, newMaxTokens, logInterval, optimizer, scheduler,
                monitor, patience, minDelta);
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

    private static void checkRange(String setting, int value, int min, int max) {
        checkSetting(value >= min && value <= max, setting, "must be in [" + min + ", " + max + "], was " + value);
    }

    private static void checkSetting(boolean condition, String setting, String problem) {
        if (!condition) {
            throw new InvalidSettingException(setting, problem);
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
