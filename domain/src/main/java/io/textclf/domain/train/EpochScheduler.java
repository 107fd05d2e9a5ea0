package io.textclf.domain.train;

/**
 * A scheduler that PyTorch steps once per epoch whatever the validation says ({@code ExponentialLR},
 * {@code CosineAnnealingLR}, {@code LinearLR}; {@code StepLR} is {@link StepSchedule}): the rate is updated by the
 * recursive ("chainable") formula PyTorch's {@code scheduler.step()} uses, in double precision.
 */
abstract sealed class EpochScheduler implements Scheduler permits ExponentialSchedule, CosineSchedule,
        LinearWarmupSchedule {

    private double learningRate;
    private int lastEpoch;

    EpochScheduler(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void afterEpoch(double validationAccuracy) {
        step();
    }

    @Override
    public final void afterEpoch(ValidationScores scores) {
        step();
    }

    private void step() {
        lastEpoch++;
        learningRate = next(learningRate, lastEpoch);
    }

    /** PyTorch's {@code get_lr()} at {@code last_epoch}, from the current rate. */
    abstract double next(double current, int epoch);
}
