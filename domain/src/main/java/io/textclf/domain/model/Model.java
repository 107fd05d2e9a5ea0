package io.textclf.domain.model;

/**
 * Port: the tutorial's {@code TextClassificationModel} for inference, on some compute backend.
 *
 * <p>{@link #logits(TokenBatch)} is thread-safe and leaves the parameters unchanged. A model may hold
 * native memory: close it when done; using it after {@link #close()} is an error.
 */
public interface Model extends AutoCloseable {

    /** Vocabulary size, embedding dimension and number of classes. */
    ModelDims dims();

    /**
     * Unnormalised class scores.
     *
     * @param batch documents whose token ids are all in {@code [0, dims().vocabSize())}
     * @return {@code batch.size() x numClasses} logits, row-major: {@code [i * numClasses + c]}
     */
    float[] logits(TokenBatch batch);

    /** A copy of the current parameters, by PyTorch {@code state_dict} name. */
    StateDict stateDict();

    /** Frees whatever native memory the model holds. Idempotent. */
    @Override
    void close();
}
