package io.textclf.domain.reference;

import java.util.Arrays;

/** {@link RowKernels} as plain counted loops: what every JVM runs, and the definition of the results. */
final class ScalarRowKernels implements RowKernels {

    @Override
    public String describe() {
        return "scalar";
    }

    @Override
    public int paddedLength(int length) {
        return length;
    }

    @Override
    public void add(float[] target, int t, float[] source, int s, int length) {
        for (int i = 0; i < length; i++) {
            target[t + i] += source[s + i];
        }
    }

    @Override
    public void addScaled(float[] target, int t, float factor, float[] source, int s, int length) {
        for (int i = 0; i < length; i++) {
            target[t + i] += factor * source[s + i];
        }
    }

    @Override
    public void scale(float[] target, int t, float factor, int length) {
        for (int i = 0; i < length; i++) {
            target[t + i] *= factor;
        }
    }

    @Override
    public void meanOfRows(float[] table, int[] ids, int from, int to, float[] target, int t, int length) {
        if (to == from) {
            Arrays.fill(target, t, t + length, 0f);
            return;
        }
        System.arraycopy(table, ids[from] * length, target, t, length);
        for (int j = from + 1; j < to; j++) {
            add(target, t, table, ids[j] * length, length);
        }
        scale(target, t, 1f / (to - from), length);
    }

    @Override
    public void addToRows(float[] table, int[] rows, int from, int to, float[] source, int s, int length) {
        for (int j = from; j < to; j++) {
            add(table, rows[j] * length, source, s, length);
        }
    }

    @Override
    public void addScaledRowsTo(float[] table, int[] rows, int[] slots, int from, int to, float factor,
                                float[] source, int[] sourceRows, int length) {
        for (int j = to - 1; j >= from; j--) {
            addScaled(table, rows[slots[j]] * length, factor, source, sourceRows[slots[j]] * length, length);
        }
    }

    @Override
    public void addWeightedRows(float[] target, int t, float[] weights, int w, int weightStride, float[] rows, int r,
                                int rowStride, int count, int length) {
        for (int j = 0; j < count; j++) {
            addScaled(target, t, weights[w + j * weightStride], rows, r + j * rowStride, length);
        }
    }

    @Override
    public double sumOfSquares(float[] values, int count) {
        float[] partial = new float[PARTIAL_SUMS];
        for (int i = 0; i < count; i++) {
            partial[i % PARTIAL_SUMS] += values[i] * values[i];
        }
        return RowKernels.pairwise(partial);
    }

    @Override
    public double sumOfSquaresOfRows(float[] source, int[] rows, int count, int length) {
        float[] partial = new float[PARTIAL_SUMS];
        int i = 0;
        for (int s = 0; s < count; s++) {
            int offset = rows[s] * length;
            for (int c = 0; c < length; c++, i++) {
                float value = source[offset + c];
                partial[i % PARTIAL_SUMS] += value * value;
            }
        }
        return RowKernels.pairwise(partial);
    }
}
