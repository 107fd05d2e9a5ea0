package io.textclf.domain.train;

/** PyTorch's {@code ExponentialLR(gamma)}: after every epoch {@code lr *= gamma}. */
final class ExponentialSchedule extends EpochScheduler {

    private final double gamma;

    ExponentialSchedule(double learningRate, double gamma) {
        super(learningRate);
        this.gamma = gamma;
    }

    @Override
    double next(double current, int epoch) {
        return current * gamma;
    }
}
