package io.textclf.domain.model;

/**
 * The sizes of the tutorial's {@code TextClassificationModel}: {@code EmbeddingBag(vocabSize,
 * embeddingDim, mode="mean")} followed by {@code Linear(embeddingDim, numClasses)}.
 */
public record ModelDims(int vocabSize, int embeddingDim, int numClasses) {

    /** The most values one parameter tensor may hold (a Java array's limit). */
    public static final long MAX_TENSOR_SIZE = Integer.MAX_VALUE - 8;

    public ModelDims {
        if (vocabSize < 1 || embeddingDim < 1 || numClasses < 2) {
            throw new IllegalArgumentException("need vocabSize >= 1, embeddingDim >= 1 and numClasses >= 2, got "
                    + vocabSize + ", " + embeddingDim + ", " + numClasses);
        }
        if ((long) vocabSize * embeddingDim > MAX_TENSOR_SIZE || (long) numClasses * embeddingDim > MAX_TENSOR_SIZE) {
            throw new IllegalArgumentException("a " + vocabSize + " x " + embeddingDim + " embedding is too large: "
                    + "a tensor holds at most " + MAX_TENSOR_SIZE + " values; lower the embedding dim, max tokens or buckets");
        }
    }

    /** The values of {@code embedding.weight}, {@code fc.weight} and {@code fc.bias} together. */
    public long parameterCount() {
        return (long) vocabSize * embeddingDim + (long) numClasses * (embeddingDim + 1);
    }

    /** Reads the sizes off a state dict's {@code embedding.weight [V, D]} and {@code fc.weight [C, D]}. */
    public static ModelDims of(StateDict parameters) {
        Tensor embedding = parameters.get(StateDict.EMBEDDING_WEIGHT);
        Tensor fc = parameters.get(StateDict.FC_WEIGHT);
        return new ModelDims(embedding.shape()[0], embedding.shape()[1], fc.shape()[0]);
    }

    /**
     * Checks that {@code parameters} are a model of these sizes, as a model loading them needs.
     *
     * @throws IllegalArgumentException naming both sizes when they differ
     */
    public void requireFits(StateDict parameters) {
        if (!parameters.dims().equals(this)) {
            throw new IllegalArgumentException("parameters of " + parameters.dims() + " do not fit a model of " + this);
        }
    }
}
