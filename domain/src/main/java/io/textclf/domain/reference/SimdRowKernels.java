package io.textclf.domain.reference;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowKernels} on the JDK's Vector API ({@code jdk.incubator.vector}), in the CPU's preferred
 * vector width, with the same element-wise float operations as {@link ScalarRowKernels} (a multiply
 * then an add, never a fused multiply-add) so that both give the same bits. The sums over several rows
 * keep each chunk of the output in a register across the rows.
 *
 * <p>Loaded only when the JVM has the {@code jdk.incubator.vector} module.
 */
final class SimdRowKernels implements RowKernels {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** The tails shorter than a vector. */
    private static final ScalarRowKernels SCALAR = new ScalarRowKernels();
    /** Eight floats, widened to two vectors of four doubles: the eight partial sums of {@link #sumOfSquares}. */
    private static final VectorSpecies<Float> EIGHT_FLOATS = FloatVector.SPECIES_256;
    private static final VectorSpecies<Double> FOUR_DOUBLES = DoubleVector.SPECIES_256;

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
        if (to == from) {
            SCALAR.meanOfRows(table, ids, from, to, target, t, length);
            return;
        }
        float inverse = 1f / (to - from);
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector sum = FloatVector.fromArray(SPECIES, table, ids[from] * length + i);
            for (int j = from + 1; j < to; j++) {
                sum = sum.add(FloatVector.fromArray(SPECIES, table, ids[j] * length + i));
            }
            sum.mul(inverse).intoArray(target, t + i);
        }
        for (; i < length; i++) {
            float sum = table[ids[from] * length + i];
            for (int j = from + 1; j < to; j++) {
                sum += table[ids[j] * length + i];
            }
            target[t + i] = sum * inverse;
        }
    }

    @Override
    public void addWeightedRows(float[] target, int t, float[] weights, int w, int weightStride, float[] rows, int r,
                                int rowStride, int count, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector sum = FloatVector.fromArray(SPECIES, target, t + i);
            for (int j = 0; j < count; j++) {
                sum = sum.add(FloatVector.fromArray(SPECIES, rows, r + j * rowStride + i)
                        .mul(weights[w + j * weightStride]));
            }
            sum.intoArray(target, t + i);
        }
        for (; i < length; i++) {
            float sum = target[t + i];
            for (int j = 0; j < count; j++) {
                sum += weights[w + j * weightStride] * rows[r + j * rowStride + i];
            }
            target[t + i] = sum;
        }
    }

    @Override
    public double sumOfSquares(float[] values, int count) {
        DoubleVector low = DoubleVector.zero(FOUR_DOUBLES);
        DoubleVector high = DoubleVector.zero(FOUR_DOUBLES);
        int i = 0;
        for (int bound = count - count % ScalarRowKernels.PARTIAL_SUMS; i < bound; i += ScalarRowKernels.PARTIAL_SUMS) {
            FloatVector eight = FloatVector.fromArray(EIGHT_FLOATS, values, i);
            DoubleVector first = (DoubleVector) eight.convertShape(VectorOperators.F2D, FOUR_DOUBLES, 0);
            DoubleVector second = (DoubleVector) eight.convertShape(VectorOperators.F2D, FOUR_DOUBLES, 1);
            low = low.add(first.mul(first));
            high = high.add(second.mul(second));
        }
        double[] partial = new double[ScalarRowKernels.PARTIAL_SUMS];
        low.intoArray(partial, 0);
        high.intoArray(partial, FOUR_DOUBLES.length());
        for (; i < count; i++) {
            double v = values[i];
            partial[i % ScalarRowKernels.PARTIAL_SUMS] += v * v;
        }
        return ScalarRowKernels.pairwise(partial);
    }
}
