package io.textclf.domain.train;

/**
 * Port: a loss on a batch of logits, with its gradient.
 *
 * <p>Implementations are stateless and thread-safe.
 */
@FunctionalInterface
public interface Loss {

    /**
     * @param logits     {@code labels.length x numClasses} scores, row-major
     * @param labels     class index of each row, in {@code [0, numClasses)}
     * @param numClasses number of classes C
     * @return the batch loss, the mean over its rows in nats (the training loop multiplies it by the rows to sum
     *         it over batches), and {@code dLoss/dLogits} of that mean, with the shape of {@code logits}
     */
    LossOutput compute(float[] logits, int[] labels, int numClasses);
}
