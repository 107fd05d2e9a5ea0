package io.textclf.domain.train;

/**
 * Port: the learning rate to use, changed between epochs.
 *
 * <p>Not thread-safe; driven by one training loop.
 */
public interface Scheduler {

    /** The learning rate for the next steps, positive. */
    double learningRate();

    /**
     * Called once after each epoch's validation.
     *
     * @param validationAccuracy the epoch's validation accuracy in {@code [0, 1]}
     */
    void afterEpoch(double validationAccuracy);
}
