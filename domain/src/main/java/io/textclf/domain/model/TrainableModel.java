package io.textclf.domain.model;

/**
 * Port: a {@link Model} that can be trained one step at a time.
 *
 * <p>A step is {@link #forward} then {@link #backward}, after which the gradients of the last batch
 * are held by the model (never accumulated across steps: each {@code backward} replaces them) until
 * an optimizer applies them. Not thread-safe: one training loop drives it.
 */
public interface TrainableModel extends Model {

    /**
     * Forward pass that remembers what {@link #backward} needs.
     *
     * @return {@code batch.size() x numClasses} logits, row-major
     */
    float[] forward(TokenBatch batch);

    /**
     * Back-propagates {@code dLoss/dLogits} of the last {@link #forward} into parameter gradients.
     *
     * @param logitGradient {@code batch.size() x numClasses}, row-major
     */
    void backward(float[] logitGradient);

    /** The L2 norm over all parameter gradients together, as {@code clip_grad_norm_} computes it. */
    double gradientNorm();

    /** Multiplies every parameter gradient by {@code factor} (gradient clipping). */
    void scaleGradients(double factor);

    /** Replaces the parameters with {@code parameters} (same shapes), e.g. to resume training. */
    void load(StateDict parameters);
}
