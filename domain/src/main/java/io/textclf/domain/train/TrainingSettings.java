package io.textclf.domain.train;

/**
 * Every hyperparameter of a training run. {@link #tutorial()} gives the tutorial's values.
 *
 * @param epochs             passes over the training split, at least 1 (tutorial: 10)
 * @param learningRate       SGD's initial learning rate, positive (tutorial: 5)
 * @param batchSize          documents per step, at least 1 (tutorial: 64)
 * @param embeddingDim       embedding size D, at least 1 (tutorial: 64)
 * @param gamma              StepLR's factor, in (0, 1] (tutorial: 0.1)
 * @param stepSize           StepLR's step size in scheduler steps, at least 1 (tutorial: 1)
 * @param clipNorm           max total gradient L2 norm, positive (tutorial: 0.1)
 * @param validationFraction share of the training file held out to validate, in [0, 1) (tutorial: 0.05)
 * @param seed               seed of the initial weights, the split and the shuffles
 * @param initRange          weights start uniform in [-initRange, initRange) (tutorial: 0.5)
 * @param minFreq            tokens seen fewer times are left out of the vocabulary (tutorial: 1)
 * @param maxTokens          largest vocabulary size including {@code <unk>}, 0 for no limit
 * @param logInterval        batches between progress reports (tutorial: 500)
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
        int logInterval) {

    public static final long DEFAULT_SEED = 1;

    public TrainingSettings {
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
    }

    /** The tutorial's recipe with {@link #DEFAULT_SEED}. */
    public static TrainingSettings tutorial() {
        return new TrainingSettings(10, 5.0, 64, 64, 0.1, 1, 0.1, 0.05, DEFAULT_SEED, 0.5, 1, 0, 500);
    }

    public TrainingSettings withEpochs(int value) {
        return new TrainingSettings(value, learningRate, batchSize, embeddingDim, gamma, stepSize, clipNorm,
                validationFraction, seed, initRange, minFreq, maxTokens, logInterval);
    }

    public TrainingSettings withSeed(long value) {
        return new TrainingSettings(epochs, learningRate, batchSize, embeddingDim, gamma, stepSize, clipNorm,
                validationFraction, value, initRange, minFreq, maxTokens, logInterval);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
