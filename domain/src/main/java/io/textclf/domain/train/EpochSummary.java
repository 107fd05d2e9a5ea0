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
 * @param validationLoss     mean cross-entropy on the validation split after the epoch, NaN without one
 * @param validationMacroF1  macro-F1 on the validation split after the epoch, NaN without one
 */
public record EpochSummary(int epoch, double trainLoss, double trainAccuracy, double validationAccuracy,
                           double learningRate, double seconds, double validationLoss, double validationMacroF1) {

    /** A summary without validation loss and macro-F1 (both NaN). */
    public EpochSummary(int epoch, double trainLoss, double trainAccuracy, double validationAccuracy,
                        double learningRate, double seconds) {
        this(epoch, trainLoss, trainAccuracy, validationAccuracy, learningRate, seconds, Double.NaN, Double.NaN);
    }

    /** The validation scores of this epoch. */
    public ValidationScores validation() {
        return new ValidationScores(validationAccuracy, validationLoss, validationMacroF1);
    }
}
