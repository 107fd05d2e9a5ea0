package io.textclf.domain.reference;

/**
 * The reference backend's inner loops over rows of float arrays. Two implementations give the same
 * bits: {@link ScalarRowKernels}, plain Java loops, and {@link SimdRowKernels}, the same arithmetic on
 * the JDK's Vector API when the JVM runs with {@code --add-modules jdk.incubator.vector} (as the
 * {@code textclf} launcher does). Every kernel is element-wise: each output element is computed by the
 * same float operations in the same order whatever the vector width, so the choice of kernels never
 * changes a result.
 */
sealed interface RowKernels permits ScalarRowKernels, SimdRowKernels {

    /** The JVM property that forces the plain-Java kernels ({@code -Dtextclf.simd=false}). */
    String SIMD_PROPERTY = "textclf.simd";

    /** The fastest kernels this JVM offers. */
    RowKernels BEST = choose();

    private static RowKernels choose() {
        boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (vectorModule && Boolean.parseBoolean(System.getProperty(SIMD_PROPERTY, "true"))) {
            return SimdRowKernels.usable() ? new SimdRowKernels() : new ScalarRowKernels();
        }
        return new ScalarRowKernels();
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
     * {@code target[t + i] += sum over j < count of weights[w + j * weightStride] * rows[r + j * rowStride + i]}
     * for {@code i < length}, added to each element one {@code j} after the other: a row-weighted sum,
     * the shape of both the linear layer and its gradients.
     */
    void addWeightedRows(float[] target, int t, float[] weights, int w, int weightStride, float[] rows, int r,
                         int rowStride, int count, int length);

    /**
     * The sum of {@code values[i]^2} for {@code i < count}, in double precision: element {@code i} is added
     * to partial sum {@code i % 8}, in order, and the eight partial sums are then added pairwise,
     * {@code ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7))}. The same values always give the same sum.
     */
    double sumOfSquares(float[] values, int count);
}
