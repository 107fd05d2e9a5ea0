package io.textclf.domain.train;

/** PyTorch's {@code StepLR(step_size, gamma)} stepped after every epoch, whatever the validation says. */
final class StepSchedule implements Scheduler {

    private final StepLr stepLr;

    StepSchedule(StepLr stepLr) {
        this.stepLr = stepLr;
    }

    @Override
    public double learningRate() {
        return stepLr.learningRate();
    }

    @Override
    public void afterEpoch(double validationAccuracy) {
        stepLr.step();
    }

    @Override
    public void afterEpoch(ValidationScores scores) {
        stepLr.step();
    }
}
