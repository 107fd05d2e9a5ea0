package io.textclf.domain.train;

/**
 * The tutorial's schedule: a {@link StepLr} that is stepped after an epoch only when the validation
 * accuracy fell below the best seen so far ({@code if total_accu is not None and total_accu >
 * accu_val: scheduler.step() else: total_accu = accu_val}).
 */
public final class StepOnValidationDrop implements Scheduler {

    private final StepLr stepLr;
    private double best = Double.NaN;

    public StepOnValidationDrop(StepLr stepLr) {
        this.stepLr = stepLr;
    }

    @Override
    public double learningRate() {
        return stepLr.learningRate();
    }

    @Override
    public void afterEpoch(double validationAccuracy) {
        if (!Double.isNaN(best) && best > validationAccuracy) {
            stepLr.step();
        } else {
            best = validationAccuracy;
        }
    }
}
