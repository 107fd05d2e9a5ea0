package io.textclf.domain.train;

import java.util.Locale;

/**
 * Follows a validation metric over epochs: the best value and epoch, and how many epochs have
 * passed without an improvement by more than {@code minDelta} (as Keras' and Lightning's early
 * stopping count them). The first scored epoch always improves; an epoch without validation never does.
 */
final class ImprovementTracker {

    private final ValidationMetric metric;
    private final double minDelta;
    private double best = Double.NaN;
    private int bestEpoch;
    private int epochsWithoutImprovement;

    ImprovementTracker(ValidationMetric metric, double minDelta) {
        this.metric = metric;
        this.minDelta = minDelta;
    }

    /** Records an epoch's scores; true when it is the new best. */
    boolean observe(int epoch, ValidationScores scores) {
        double value = metric.of(scores);
        boolean improved = !Double.isNaN(value) && (Double.isNaN(best)
                || (metric.higherIsBetter() ? value > best + minDelta : value < best - minDelta));
        if (improved) {
            best = value;
            bestEpoch = epoch;
            epochsWithoutImprovement = 0;
        } else {
            epochsWithoutImprovement++;
        }
        return improved;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    int epochsWithoutImprovement() {
        return epochsWithoutImprovement;
    }

    String describe() {
        return String.format(Locale.ROOT, "validation %s did not improve by more than %s for %d epochs (best %.4f at "
                + "epoch %d)", metric.label(), minDelta, epochsWithoutImprovement, best, bestEpoch);
    }
}
