package io.textclf.domain.train;

/**
 * The outcome of one epoch.
 *
 * @param epoch              1-based
 * @param trainLoss          mean cross-entropy over the epoch's training documents
 * @param trainAccuracy      accuracy over them, each scored before the step that used it
 * @param validationAccuracy accuracy on the validation split after the epoch, NaN without one
 * @param learningRate       the rate used during the epoch
 * @param seconds            wall time of the epoch including validation
 */
public record EpochSummary(int epoch, double trainLoss, double trainAccuracy, double validationAccuracy,
                           double learningRate, double seconds) {
}
