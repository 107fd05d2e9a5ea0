package io.textclf.domain.model;

/**
 * The tutorial's {@code init_weights}: {@code embedding.weight} and {@code fc.weight} drawn from
 * uniform[-initRange, initRange) (PyTorch's {@code uniform_} half-open interval), {@code fc.bias} zero.
 *
 * <p>Values come from a Mersenne Twister seeded with {@code seed} (commons-math3's {@code MersenneTwister}
 * and its {@code nextDouble()}, drawn in bulk by {@link BulkMersenneTwister}), embedding first then fc,
 * row by row, so every backend starts from exactly the same weights for the same seed.
 */
public record UniformInitializer(double initRange, long seed) {

    /** The tutorial's range: {@code initrange = 0.5}. */
    public static final double TUTORIAL_RANGE = 0.5;

    public UniformInitializer {
        if (!(initRange > 0) || Double.isInfinite(initRange)) {
            throw new IllegalArgumentException("init range must be positive and finite, was " + initRange);
        }
    }

    public StateDict initialize(ModelDims dims) {
        return initialize(dims, 0);
    }

    /**
     * As {@link #initialize(ModelDims)}, but the last {@code zeroRows} embedding rows start at zero
     * and draw nothing from the stream (the hashed word n-gram rows: they start neutral in the mean
     * of a document's features, and the other weights are those of the same model without them).
     */
    public StateDict initialize(ModelDims dims, int zeroRows) {
        if (zeroRows < 0 || zeroRows > dims.vocabSize()) {
            throw new IllegalArgumentException("zero rows must be in [0, " + dims.vocabSize() + "], was " + zeroRows);
        }
        BulkMersenneTwister random = new BulkMersenneTwister(seed);
        float[] embedding = uniform(random, (dims.vocabSize() - zeroRows) * dims.embeddingDim(),
                dims.vocabSize() * dims.embeddingDim());
        int fcValues = dims.numClasses() * dims.embeddingDim();
        float[] fcWeight = uniform(random, fcValues, fcValues);
        return StateDict.of(
                Tensor.adopting(new int[] {dims.vocabSize(), dims.embeddingDim()}, embedding),
                Tensor.adopting(new int[] {dims.numClasses(), dims.embeddingDim()}, fcWeight),
                new Tensor(new int[] {dims.numClasses()}, new float[dims.numClasses()]));
    }

    /** {@code length} values, the first {@code count} drawn and the rest zero. */
    private float[] uniform(BulkMersenneTwister random, int count, int length) {
        float[] values = new float[length];
        float upper = (float) initRange;
        for (int i = 0; i < count; i++) {
            float value = (float) ((random.nextDouble() * 2 - 1) * initRange);
            values[i] = value < upper ? value : Math.nextDown(upper);
        }
        return values;
    }
}
