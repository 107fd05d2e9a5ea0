package io.textclf.domain.train;

/**
 * PyTorch's {@code LinearLR(start_factor, end_factor=1, total_iters)} with its recursive update: the
 * first epoch runs at {@code lr * start_factor}, the factor grows linearly to 1 over
 * {@code total_iters} epochs, then the rate stays at {@code lr}.
 */
final class LinearWarmupSchedule extends EpochScheduler {

    private static final double END_FACTOR = 1.0;

    private final double startFactor;
    private final int totalIters;

    LinearWarmupSchedule(double learningRate, double startFactor, int totalIters) {
        super(learningRate * startFactor);
        this.startFactor = startFactor;
        this.totalIters = totalIters;
    }

    @Override
    double next(double current, int epoch) {
        if (epoch > totalIters) {
            return current;
        }
        return current * (1. + (END_FACTOR - startFactor)
                / (totalIters * startFactor + (epoch - 1) * (END_FACTOR - startFactor)));
    }
}
