package io.textclf.domain.reference;

/**
 * The reference backend's inner loops over rows of float arrays. Two implementations give the same
 * bits: {@link ScalarRowKernels}, plain Java loops, and {@link SimdRowKernels}, the same arithmetic on
 * the JDK's Vector API when the JVM runs with {@code --add-modules jdk.incubator.vector} (as the
 * {@code textclf} launcher does). Every kernel is element-wise: each output element is computed by the
 * same float operations in the same order whatever the vector width, so the choice of kernels never
 * changes a result.
 */
sealed interface RowKernels permits ScalarRowKernels, SimdRowKernels, WarmingKernels {

    /** The JVM property that forces the plain-Java kernels ({@code -Dtextclf.simd=false}). */
    String SIMD_PROPERTY = "textclf.simd";

    /** The fastest kernels this JVM offers. */
    RowKernels BEST = choose();

    private static RowKernels choose() {
        boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (vectorModule && Boolean.parseBoolean(System.getProperty(SIMD_PROPERTY, "true"))) {
            return SimdRowKernels.usable() ? new WarmingKernels(new ScalarRowKernels(), new SimdRowKernels())
                    : new ScalarRowKernels();
        }
        return new ScalarRowKernels();
    }

    /** Gets the kernels ready for a training run (compiles them, where that is slow); returns at once. */
    default void warmUp() {
    }

    /** Says which kernels these are, for {@code describe()}: "SIMD, 512-bit" or "scalar". */
    String describe();

    /** {@code length} rounded up to a whole number of vectors: buffers this long need no scalar tail. */
    int paddedLength(int length);

    /** {@code target[t + i] += source[s + i]} for {@code i < length}. */
    void add(float[] target, int t, float[] source, int s, int length);

    /** {@code target[t + i] += factor * source[s + i]} for {@code i < length}. */
    void addScaled(float[] target, int t, float factor, float[] source, int s, int length);

    /** {@code target[t + i] *= factor} for {@code i < length}. */
    void scale(float[] target, int t, float factor, int length);

    /**
     * The mean of rows {@code ids[from..to)} of {@code table} ({@code length} values a row) into
     * {@code target[t..t + length)}: the rows summed in order from the first, then multiplied by
     * {@code 1f / (to - from)}; zeros when the range is empty.
     */
    void meanOfRows(float[] table, int[] ids, int from, int to, float[] target, int t, int length);

    /**
     * {@code table[rows[j] * length + i] += source[s + i]} for {@code j} in {@code [from, to)}, one {@code j}
     * after the other, and {@code i < length}: one vector added to several rows of a table (a scatter).
     */
    void addToRows(float[] table, int[] rows, int from, int to, float[] source, int s, int length);

    /**
     * {@code table[rows[s] * length + i] += factor * source[sourceRows[s] * length + i]} for every slot
     * {@code s = slots[j]}, {@code j} in {@code [from, to)}, and {@code i < length}: the gradient row of slot {@code s}
     * (row {@code sourceRows[s]} of {@code source}), scaled, added to table row {@code rows[s]}. The slots go from the
     * last listed to the first: an update after a forward pass that read the rows in order then starts on those it read
     * last, which are still in the caches (a slot listed twice, or two slots of one row, get their additions in that
     * order too).
     */
    void addScaledRowsTo(float[] table, int[] rows, int[] slots, int from, int to, float factor, float[] source,
                         int[] sourceRows, int length);

    /**
     * {@code target[t + i] += sum over j < count of weights[w + j * weightStride] * rows[r + j * rowStride + i]}
     * for {@code i < length}, added to each element one {@code j} after the other: a row-weighted sum,
     * the shape of both the linear layer and its gradients.
     */
    void addWeightedRows(float[] target, int t, float[] weights, int w, int weightStride, float[] rows, int r,
                         int rowStride, int count, int length);

    /**
     * The sum of {@code values[i]^2} for {@code i < count}: each square in float, added to partial sum
     * {@code i % 16} (float, in order of {@code i}), the sixteen partial sums then added pairwise in double
     * ({@link #pairwise}). PyTorch's norms are float32 as well; the fixed order makes the result the same
     * whichever kernels run.
     */
    double sumOfSquares(float[] values, int count);

    /**
     * {@link #sumOfSquares} of rows {@code rows[s]} of {@code source} ({@code length} values a row) for
     * {@code s < count} laid end to end, without copying them: the same bits as {@code sumOfSquares} on such a copy.
     */
    double sumOfSquaresOfRows(float[] source, int[] rows, int count, int length);

    /** How many partial sums {@link #sumOfSquares} keeps. */
    int PARTIAL_SUMS = 16;

    /** The partial sums of {@link #sumOfSquares} added as a balanced tree: 0+1, 2+3, ..., then their sums. */
    static double pairwise(float[] partial) {
        double[] level = new double[PARTIAL_SUMS];
        for (int i = 0; i < PARTIAL_SUMS; i++) {
            level[i] = partial[i];
        }
        for (int width = PARTIAL_SUMS / 2; width >= 1; width /= 2) {
            for (int i = 0; i < width; i++) {
                level[i] = level[2 * i] + level[2 * i + 1];
            }
        }
        return level[0];
    }
}
