package io.textclf.domain.train;

import io.textclf.domain.metrics.Evaluation;

/**
 * How the model did on the validation split after an epoch; all NaN when there is no validation split.
 *
 * @param accuracy share classified right, in [0, 1]
 * @param loss     mean cross-entropy
 * @param macroF1  unweighted mean of the per-class F1 scores, in [0, 1]
 */
public record ValidationScores(double accuracy, double loss, double macroF1) {

    /** No validation split. */
    public static final ValidationScores NONE = new ValidationScores(Double.NaN, Double.NaN, Double.NaN);

    /** The scores of a validation split's evaluation. */
    public static ValidationScores of(Evaluation validation) {
        return new ValidationScores(validation.accuracy(), validation.meanLoss(), validation.macroF1());
    }

    /** Whether there was a validation split to score. */
    public boolean present() {
        return !Double.isNaN(accuracy);
    }
}
