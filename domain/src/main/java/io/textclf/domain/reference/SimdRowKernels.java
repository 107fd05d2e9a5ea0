package io.textclf.domain.reference;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowKernels} on the JDK's Vector API ({@code jdk.incubator.vector}), in the CPU's preferred
 * vector width and that one width only (a second float species would make HotSpot's type profiles of
 * the vector calls polymorphic, and the calls would then box every vector), with the same element-wise
 * float operations as {@link ScalarRowKernels} (a multiply then an add, never a fused multiply-add) so
 * that both give the same bits. The sums over several rows keep each chunk of the output in a register
 * across the rows.
 *
 * <p>Loaded only when the JVM has the {@code jdk.incubator.vector} module.
 */
final class SimdRowKernels implements RowKernels {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /**
     * How many rows ahead the gather and the update read one element of a row, so that its cache lines are
     * on their way when the row's turn comes (Java has no prefetch instruction): with word n-grams most rows
     * are random rows of a table far larger than the caches. Near the end of a range they read its last row
     * again rather than test whether there is a row ahead: C2 compiled such a test from the warm-up's profile
     * with a speculation that real batches broke (a {@code profile_predicate} trap at the start of training,
     * then the kernel ran without intrinsics until it was compiled again).
     */
    private static final int AHEAD = 8;
    /**
     * Where those early reads would go: a value never used would be dropped by the compiler, so their sum is
     * tested ({@link #keep}); it is stored only when NaN, so that training threads do not share a cache line
     * they write on every call. Nothing reads it.
     */
    static float readAhead;
    /** The tails shorter than a vector. */
    private static final ScalarRowKernels SCALAR = new ScalarRowKernels();
    /** Four vectors: the kernels that sum over rows keep four independent sums in flight. */
    private static final int BLOCK = 4 * LANES;

    /** Keeps the early reads summed in {@code touched} (see {@link #readAhead}). */
    private static void keep(float touched) {
        if (Float.isNaN(touched)) {
            readAhead = touched;
        }
    }

    /** Whether this CPU has real vector registers of at least 128 bits (else the Vector API is emulated, slowly). */
    static boolean usable() {
        return SPECIES.vectorBitSize() >= 128;
    }

    @Override
    public String describe() {
        return "SIMD, " + SPECIES.vectorBitSize() + "-bit";
    }

    @Override
    public int paddedLength(int length) {
        return (length + LANES - 1) / LANES * LANES;
    }

    @Override
    public void add(float[] target, int t, float[] source, int s, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, target, t + i).add(FloatVector.fromArray(SPECIES, source, s + i))
                    .intoArray(target, t + i);
        }
        SCALAR.add(target, t + i, source, s + i, length - i);
    }

    @Override
    public void addScaled(float[] target, int t, float factor, float[] source, int s, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, target, t + i)
                    .add(FloatVector.fromArray(SPECIES, source, s + i).mul(factor))
                    .intoArray(target, t + i);
        }
        SCALAR.addScaled(target, t + i, factor, source, s + i, length - i);
    }

    @Override
    public void scale(float[] target, int t, float factor, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, target, t + i).mul(factor).intoArray(target, t + i);
        }
        SCALAR.scale(target, t + i, factor, length - i);
    }

    @Override
    public void meanOfRows(float[] table, int[] ids, int from, int to, float[] target, int t, int length) {
        if (to == from || length % LANES != 0) {
            SCALAR.meanOfRows(table, ids, from, to, target, t, length);
            return;
        }
        float inverse = 1f / (to - from);
        int i = 0;
        for (; i + BLOCK <= length; i += BLOCK) {
            meanOfRowsBlock(table, ids, from, to, target, t + i, i, length, inverse);
        }
        for (; i < length; i += LANES) {
            meanOfRowsVector(table, ids, from, to, target, t + i, i, length, inverse);
        }
    }

    /** Columns {@code [column, column + BLOCK)} of {@link #meanOfRows}: four independent sums in flight. */
    private static void meanOfRowsBlock(float[] table, int[] ids, int from, int to, float[] target, int t, int column,
                                        int length, float inverse) {
        int first = ids[from] * length + column;
        FloatVector s0 = FloatVector.fromArray(SPECIES, table, first);
        FloatVector s1 = FloatVector.fromArray(SPECIES, table, first + LANES);
        FloatVector s2 = FloatVector.fromArray(SPECIES, table, first + 2 * LANES);
        FloatVector s3 = FloatVector.fromArray(SPECIES, table, first + 3 * LANES);
        float touched = 0;
        int last = to - 1;
        for (int j = from + 1; j < to; j++) {
            // the last rows read the last one ahead again: no branch, whose profile C2 would speculate on
            touched += table[ids[Math.min(j + AHEAD, last)] * length + column];
            int row = ids[j] * length + column;
            s0 = s0.add(FloatVector.fromArray(SPECIES, table, row));
            s1 = s1.add(FloatVector.fromArray(SPECIES, table, row + LANES));
            s2 = s2.add(FloatVector.fromArray(SPECIES, table, row + 2 * LANES));
            s3 = s3.add(FloatVector.fromArray(SPECIES, table, row + 3 * LANES));
        }
        s0.mul(inverse).intoArray(target, t);
        s1.mul(inverse).intoArray(target, t + LANES);
        s2.mul(inverse).intoArray(target, t + 2 * LANES);
        s3.mul(inverse).intoArray(target, t + 3 * LANES);
        keep(touched);
    }

    /** Columns {@code [column, column + LANES)} of {@link #meanOfRows}. */
    private static void meanOfRowsVector(float[] table, int[] ids, int from, int to, float[] target, int t, int column,
                                         int length, float inverse) {
        FloatVector sum = FloatVector.fromArray(SPECIES, table, ids[from] * length + column);
        for (int j = from + 1; j < to; j++) {
            sum = sum.add(FloatVector.fromArray(SPECIES, table, ids[j] * length + column));
        }
        sum.mul(inverse).intoArray(target, t);
    }

    @Override
    public void addToRows(float[] table, int[] rows, int from, int to, float[] source, int s, int length) {
        if (length % LANES != 0) {
            SCALAR.addToRows(table, rows, from, to, source, s, length);
            return;
        }
        int i = 0;
        for (; i + BLOCK <= length; i += BLOCK) {
            addToRowsBlock(table, rows, from, to, source, s + i, i, length);
        }
        for (; i < length; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, source, s + i);
            for (int j = from; j < to; j++) {
                int row = rows[j] * length + i;
                FloatVector.fromArray(SPECIES, table, row).add(v).intoArray(table, row);
            }
        }
    }

    /** Columns {@code [column, column + BLOCK)} of {@link #addToRows}, the source held in four registers. */
    private static void addToRowsBlock(float[] table, int[] rows, int from, int to, float[] source, int s, int column,
                                       int length) {
        FloatVector v0 = FloatVector.fromArray(SPECIES, source, s);
        FloatVector v1 = FloatVector.fromArray(SPECIES, source, s + LANES);
        FloatVector v2 = FloatVector.fromArray(SPECIES, source, s + 2 * LANES);
        FloatVector v3 = FloatVector.fromArray(SPECIES, source, s + 3 * LANES);
        for (int j = from; j < to; j++) {
            int row = rows[j] * length + column;
            FloatVector.fromArray(SPECIES, table, row).add(v0).intoArray(table, row);
            FloatVector.fromArray(SPECIES, table, row + LANES).add(v1).intoArray(table, row + LANES);
            FloatVector.fromArray(SPECIES, table, row + 2 * LANES).add(v2).intoArray(table, row + 2 * LANES);
            FloatVector.fromArray(SPECIES, table, row + 3 * LANES).add(v3).intoArray(table, row + 3 * LANES);
        }
    }

    @Override
    public void addScaledRowsTo(float[] table, int[] rows, int[] slots, int from, int to, float factor,
                                float[] source, int[] sourceRows, int length) {
        if (length % LANES != 0 || length == 0) {
            SCALAR.addScaledRowsTo(table, rows, slots, from, to, factor, source, sourceRows, length);
            return;
        }
        float touched = 0;
        // from the last slot to the first, with a counter that counts up: C2 compiled the countdown loop with a
        // loop_limit_check trap that the first real update hit
        for (int k = from; k < to; k++) {
            int j = to - 1 - (k - from);
            int slot = slots[j];
            int row = rows[slot] * length;
            int gradient = sourceRows[slot] * length;
            // the first slots read the first one ahead again (no branch, as in meanOfRowsBlock)
            int ahead = rows[slots[Math.max(j - AHEAD, from)]] * length;
            touched += table[ahead] + table[ahead + length - 1];
            for (int i = 0; i < length; i += LANES) {
                FloatVector.fromArray(SPECIES, table, row + i)
                        .add(FloatVector.fromArray(SPECIES, source, gradient + i).mul(factor))
                        .intoArray(table, row + i);
            }
        }
        keep(touched);
    }

    @Override
    public void addWeightedRows(float[] target, int t, float[] weights, int w, int weightStride, float[] rows, int r,
                                int rowStride, int count, int length) {
        int i = 0;
        for (; i + BLOCK <= length; i += BLOCK) {
            addWeightedRowsBlock(target, t + i, weights, w, weightStride, rows, r + i, rowStride, count);
        }
        if (i + 3 * LANES <= length) {
            addWeightedRowsThree(target, t + i, weights, w, weightStride, rows, r + i, rowStride, count);
            i += 3 * LANES;
        }
        for (; i + LANES <= length; i += LANES) {
            addWeightedRowsVector(target, t + i, weights, w, weightStride, rows, r + i, rowStride, count);
        }
        if (i < length) {
            SCALAR.addWeightedRows(target, t + i, weights, w, weightStride, rows, r + i, rowStride, count, length - i);
        }
    }

    /** Elements {@code [0, BLOCK)} of {@link #addWeightedRows} from {@code t} and {@code r}: four independent sums. */
    private static void addWeightedRowsBlock(float[] target, int t, float[] weights, int w, int weightStride,
                                             float[] rows, int r, int rowStride, int count) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, target, t);
        FloatVector s1 = FloatVector.fromArray(SPECIES, target, t + LANES);
        FloatVector s2 = FloatVector.fromArray(SPECIES, target, t + 2 * LANES);
        FloatVector s3 = FloatVector.fromArray(SPECIES, target, t + 3 * LANES);
        for (int j = 0; j < count; j++) {
            float weight = weights[w + j * weightStride];
            int row = r + j * rowStride;
            s0 = s0.add(FloatVector.fromArray(SPECIES, rows, row).mul(weight));
            s1 = s1.add(FloatVector.fromArray(SPECIES, rows, row + LANES).mul(weight));
            s2 = s2.add(FloatVector.fromArray(SPECIES, rows, row + 2 * LANES).mul(weight));
            s3 = s3.add(FloatVector.fromArray(SPECIES, rows, row + 3 * LANES).mul(weight));
        }
        s0.intoArray(target, t);
        s1.intoArray(target, t + LANES);
        s2.intoArray(target, t + 2 * LANES);
        s3.intoArray(target, t + 3 * LANES);
    }

    /**
     * Elements {@code [0, 3 * LANES)} of {@link #addWeightedRows}: three independent sums in one pass over the
     * rows (the linear layer's 41 classes are three 512-bit vectors, which one vector at a time took three
     * passes whose sums each waited on the add before).
     */
    private static void addWeightedRowsThree(float[] target, int t, float[] weights, int w, int weightStride,
                                             float[] rows, int r, int rowStride, int count) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, target, t);
        FloatVector s1 = FloatVector.fromArray(SPECIES, target, t + LANES);
        FloatVector s2 = FloatVector.fromArray(SPECIES, target, t + 2 * LANES);
        for (int j = 0; j < count; j++) {
            float weight = weights[w + j * weightStride];
            int row = r + j * rowStride;
            s0 = s0.add(FloatVector.fromArray(SPECIES, rows, row).mul(weight));
            s1 = s1.add(FloatVector.fromArray(SPECIES, rows, row + LANES).mul(weight));
            s2 = s2.add(FloatVector.fromArray(SPECIES, rows, row + 2 * LANES).mul(weight));
        }
        s0.intoArray(target, t);
        s1.intoArray(target, t + LANES);
        s2.intoArray(target, t + 2 * LANES);
    }

    /** Elements {@code [0, LANES)} of {@link #addWeightedRows} from {@code t} and {@code r}. */
    private static void addWeightedRowsVector(float[] target, int t, float[] weights, int w, int weightStride,
                                              float[] rows, int r, int rowStride, int count) {
        FloatVector sum = FloatVector.fromArray(SPECIES, target, t);
        for (int j = 0; j < count; j++) {
            sum = sum.add(FloatVector.fromArray(SPECIES, rows, r + j * rowStride).mul(weights[w + j * weightStride]));
        }
        sum.intoArray(target, t);
    }

    /** Whole vectors hold the partial sums of {@link #sumOfSquares} when the lanes divide them evenly. */
    @Override
    public double sumOfSquares(float[] values, int count) {
        if (PARTIAL_SUMS % LANES != 0) {
            return SCALAR.sumOfSquares(values, count);
        }
        float[] partial = new float[PARTIAL_SUMS];
        for (int part = 0; part < PARTIAL_SUMS; part += LANES) {
            FloatVector sum = FloatVector.zero(SPECIES);
            for (int from = part; from + LANES <= count; from += PARTIAL_SUMS) {
                FloatVector v = FloatVector.fromArray(SPECIES, values, from);
                sum = sum.add(v.mul(v));
            }
            sum.intoArray(partial, part);
        }
        int lastChunk = count - count % PARTIAL_SUMS;
        for (int i = lastChunk + (count - lastChunk) / LANES * LANES; i < count; i++) {
            partial[i % PARTIAL_SUMS] += values[i] * values[i];
        }
        return RowKernels.pairwise(partial);
    }

    /**
     * Whole vectors when the lanes divide the partial sums and the partial sums divide the rows: element {@code c} of
     * every row then goes to partial sum {@code c % 16}, as it would laid end to end. The partial sums go back to
     * their array after each row (a vector carried across two loops would be boxed on every pass).
     */
    @Override
    public double sumOfSquaresOfRows(float[] source, int[] rows, int count, int length) {
        if (PARTIAL_SUMS % LANES != 0 || length % PARTIAL_SUMS != 0) {
            return SCALAR.sumOfSquaresOfRows(source, rows, count, length);
        }
        float[] partial = new float[PARTIAL_SUMS];
        for (int s = 0; s < count; s++) {
            int offset = rows[s] * length;
            for (int part = 0; part < PARTIAL_SUMS; part += LANES) {
                FloatVector sum = FloatVector.fromArray(SPECIES, partial, part);
                for (int c = part; c < length; c += PARTIAL_SUMS) {
                    FloatVector v = FloatVector.fromArray(SPECIES, source, offset + c);
                    sum = sum.add(v.mul(v));
                }
                sum.intoArray(partial, part);
            }
        }
        return RowKernels.pairwise(partial);
    }
}
