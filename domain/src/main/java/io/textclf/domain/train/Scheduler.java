package io.textclf.domain.train;

/**
 * Port: the learning rate to use, changed between epochs.
 *
 * <p>Not thread-safe; driven by one training loop. A scheduler's state depends only on the
 * sequence of validation scores it was given, so replaying them rebuilds it exactly (resuming a run).
 */
public interface Scheduler {

    /** The learning rate for the next steps, positive (zero only where PyTorch's rule reaches zero). */
    double learningRate();

    /**
     * Called once after each epoch's validation, with its accuracy alone.
     *
     * @param validationAccuracy the epoch's validation accuracy in {@code [0, 1]}
     * @throws IllegalStateException from a scheduler that watches another score (the validation loss, say), which
     *                               needs {@link #afterEpoch(ValidationScores)}
     */
    void afterEpoch(double validationAccuracy);

    /**
     * Called once after every epoch, with or without a validation split; the training loop calls this one. The
     * default passes the
     * accuracy to {@link #afterEpoch(double)} when there was a validation split and ignores the epoch
     * otherwise, which is the tutorial's rule.
     */
    default void afterEpoch(ValidationScores scores) {
        if (scores.present()) {
            afterEpoch(scores.accuracy());
        }
    }
}
