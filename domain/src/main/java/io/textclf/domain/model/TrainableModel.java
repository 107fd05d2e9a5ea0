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
     * As {@link #forward(TokenBatch)}, given {@code rows}, the distinct rows of {@code batch} found
     * beforehand (on another thread), or null when they were not. A model whose backward pass needs them
     * uses these instead of finding them itself; the others ignore them.
     */
    default float[] forward(TokenBatch batch, DistinctRows rows) {
        return forward(batch);
    }

    /**
     * A hint, after a forward pass: the next forward pass will read {@code later}, the distinct rows of a batch found
     * beforehand. A model may fetch those rows closer meanwhile; nothing it computes changes.
     */
    default void willRead(DistinctRows later) {
    }

    /**
     * Whether this model uses what a training loop can say about the batches around the current one: distinct rows
     * {@linkplain DistinctRows.Finder#Finder(int, boolean) compared with the batch before} and {@link #willRead}
     * hints. Worth their cost only then.
     */
    default boolean usesNeighbouringBatches() {
        return false;
    }

    /** Whether {@link #forward(TokenBatch, DistinctRows)} uses the distinct rows (worth finding them beforehand). */
    default boolean usesDistinctRows() {
        return false;
    }

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

    /**
     * The parameters, as {@link #stateDict()}, for a caller that is done with this model: afterwards it may
     * only be closed. A backend that keeps them in heap arrays hands those over instead of copying them (a
     * model's worth of memory less at the end of a run); the others copy.
     */
    default StateDict takeParameters() {
        return stateDict();
    }
}
