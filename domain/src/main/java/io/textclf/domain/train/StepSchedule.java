package io.textclf.domain.train;

/** PyTorch's {@code StepLR(step_size, gamma)} stepped after every epoch: every {@code stepSize} epochs {@code lr *= gamma}. */
final class StepSchedule extends EpochScheduler {

    private final int stepSize;
    private final double gamma;

    StepSchedule(double learningRate, int stepSize, double gamma) {
        super(learningRate);
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    double next(double current, int epoch) {
        return epoch % stepSize == 0 ? current * gamma : current;
    }
}
