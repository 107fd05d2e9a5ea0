package io.textclf.domain.train;

/**
 * PyTorch's {@code ReduceLROnPlateau(mode, factor, patience, threshold, threshold_mode="rel",
 * cooldown, min_lr, eps=1e-8)} on one validation metric: when the metric has not improved by more
 * than {@code threshold} (relative) for more than {@code patience} epochs, {@code lr = max(lr * factor,
 * min_lr)}, then wait {@code cooldown} epochs. Epochs without a validation split are ignored.
 */
final class ReduceOnPlateauSchedule implements Scheduler {

    private static final double EPS = 1e-8;

    private final ValidationMetric metric;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final int cooldown;
    private final double minLearningRate;
    private double learningRate;
    private double best;
    private int badEpochs;
    private int cooldownCounter;

    ReduceOnPlateauSchedule(double learningRate, ValidationMetric metric, double factor, int patience,
                            double threshold, int cooldown, double minLearningRate) {
        this.learningRate = learningRate;
        this.metric = metric;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.minLearningRate = minLearningRate;
        this.best = metric.higherIsBetter() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    /**
     * @throws IllegalStateException when the schedule watches another metric than accuracy, which this call does not
     *                               carry: such a schedule takes the epoch's {@link ValidationScores}
     */
    @Override
    public void afterEpoch(double validationAccuracy) {
        if (metric != ValidationMetric.ACCURACY) {
            throw new IllegalStateException("this reduce-on-plateau schedule watches the validation " + metric.label()
                    + ", not the accuracy: give it the epoch's ValidationScores");
        }
        afterEpoch(new ValidationScores(validationAccuracy, Double.NaN, Double.NaN));
    }

    @Override
    public void afterEpoch(ValidationScores scores) {
        if (!scores.present()) {
            return;
        }
        double current = metric.of(scores);
        if (isBetter(current)) {
            best = current;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            badEpochs = 0;
        }
        if (badEpochs > patience) {
            double reduced = Math.max(learningRate * factor, minLearningRate);
            if (learningRate - reduced > EPS) {
                learningRate = reduced;
            }
            cooldownCounter = cooldown;
            badEpochs = 0;
        }
    }

    private boolean isBetter(double value) {
        return metric.higherIsBetter() ? value > best * (threshold + 1.) : value < best * (1. - threshold);
    }
}
