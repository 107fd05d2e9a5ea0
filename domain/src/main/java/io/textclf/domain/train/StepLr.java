package io.textclf.domain.train;

/**
 * PyTorch's {@code StepLR(optimizer, step_size, gamma)}: after every {@code stepSize} calls of
 * {@link #step()} the learning rate is multiplied by {@code gamma}; the rate is
 * {@code initial * gamma^floor(steps / stepSize)}.
 */
public final class StepLr {

    private final double initialLearningRate;
    private final int stepSize;
    private final double gamma;
    private int steps;

    public StepLr(double initialLearningRate, int stepSize, double gamma) {
        if (!(initialLearningRate > 0) || stepSize < 1 || !(gamma > 0)) {
            throw new IllegalArgumentException("StepLR needs lr > 0, step_size >= 1 and gamma > 0, got "
                    + initialLearningRate + ", " + stepSize + ", " + gamma);
        }
        this.initialLearningRate = initialLearningRate;
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    public double learningRate() {
        return initialLearningRate * Math.pow(gamma, steps / stepSize);
    }

    public void step() {
        steps++;
    }

    public int steps() {
        return steps;
    }
}
