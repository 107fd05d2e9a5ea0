package io.textclf.domain.train;

/**
 * PyTorch's {@code StepLR(optimizer, step_size, gamma)}: after every {@code stepSize} calls of
 * {@link #step()} the learning rate is multiplied by {@code gamma}, one multiplication at a time as
 * PyTorch's {@code get_lr()} does it (so the bits match: {@code 5 * 0.1 * 0.1} is 0.05, where
 * {@code 5 * 0.1^2} would be 0.05000000000000001).
 */
public final class StepLr {

    private final int stepSize;
    private final double gamma;
    private int steps;
    private double learningRate;

    public StepLr(double initialLearningRate, int stepSize, double gamma) {
        if (!(initialLearningRate > 0) || stepSize < 1 || !(gamma > 0)) {
            throw new IllegalArgumentException("StepLR needs lr > 0, step_size >= 1 and gamma > 0, got "
                    + initialLearningRate + ", " + stepSize + ", " + gamma);
        }
        this.learningRate = initialLearningRate;
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    public double learningRate() {
        return learningRate;
    }

    public void step() {
        steps++;
        if (steps % stepSize == 0) {
            learningRate *= gamma;
        }
    }

    public int steps() {
        return steps;
    }
}
