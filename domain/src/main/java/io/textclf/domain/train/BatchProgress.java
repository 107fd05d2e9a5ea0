package io.textclf.domain.train;

/**
 * Where an epoch stands after a training step; counts run from the start of the epoch.
 *
 * @param epoch           1-based epoch
 * @param batch           1-based index of the step just done within the epoch
 * @param batchesPerEpoch steps in one epoch
 * @param examplesSeen    training documents seen in this epoch so far
 * @param correct         of those, how many the model classified right before its update
 * @param lossSum         sum over those documents of their cross-entropy
 * @param learningRate    the rate used for this step
 * @param wordsPerSecondPerThread words of the documents trained on in this epoch so far, per second of the
 *                        epoch and per training thread (fastText's throughput figure; n-gram features not counted)
 * @param epochSeconds    seconds since the epoch started (the part before a resume included), by the trainer's
 *                        clock: what rates and times left of the epoch are reckoned from
 */
public record BatchProgress(int epoch, int batch, int batchesPerEpoch, long examplesSeen, long correct,
                            double lossSum, double learningRate, double wordsPerSecondPerThread,
                            double epochSeconds) {

    /** Fraction of the examples so far whose top class was right, in [0, 1]. */
    public double accuracy() {
        return examplesSeen == 0 ? 0 : (double) correct / examplesSeen;
    }

    /** Mean cross-entropy of the examples so far. */
    public double meanLoss() {
        return examplesSeen == 0 ? 0 : lossSum / examplesSeen;
    }
}
