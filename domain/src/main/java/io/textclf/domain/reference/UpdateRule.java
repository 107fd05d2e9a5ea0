package io.textclf.domain.reference;

import java.util.List;

/**
 * One PyTorch optimizer's element-wise update on float32 values, in the order of operations of
 * PyTorch 1.13's single-tensor implementation, with its buffers for the three parameters.
 */
abstract sealed class UpdateRule permits MomentumRule, AdagradRule, AdamRule {

    static final int EMBEDDING = 0;
    static final int FC_WEIGHT = 1;
    static final int FC_BIAS = 2;

    /** {@code buffers[b][group]}: buffer {@code b} of parameter group {@code group}. */
    private float[][][] buffers;

    /** PyTorch's state names of the buffers, e.g. {@code exp_avg}. */
    abstract List<String> bufferNames();

    /** Whether every element moves each step, gradient or not (weight decay). */
    abstract boolean everyRowMoves();

    /** Whether a zero gradient leaves an element and its buffers unchanged whatever the buffers hold. */
    abstract boolean zeroGradientIsNoOp();

    /** For error messages. */
    abstract String describe();

    /** Called once per step before the updates; {@code step} counts from 1. */
    abstract void begin(long step, double learningRate);

    /**
     * Updates {@code parameter[offset .. offset + length)}.
     *
     * @param gradient      the raw gradient, read from {@code gradientOffset}; null for an all-zero gradient
     * @param gradientScale the factor the raw gradient is multiplied by first (gradient clipping)
     */
    abstract void update(int group, float[] parameter, int offset, float[] gradient, int gradientOffset,
                         float gradientScale, int length);

    /** The starting value of every buffer element (Adagrad's initial accumulator value; otherwise 0). */
    float initialValue(int buffer) {
        return 0f;
    }

    void allocate(int[] groupSizes) {
        int count = bufferNames().size();
        buffers = new float[count][groupSizes.length][];
        for (int b = 0; b < count; b++) {
            for (int g = 0; g < groupSizes.length; g++) {
                buffers[b][g] = new float[groupSizes[g]];
                java.util.Arrays.fill(buffers[b][g], initialValue(b));
            }
        }
    }

    float[] buffer(int group, int buffer) {
        return buffers[buffer][group];
    }

    /** Whether any buffer of {@code group} differs from its starting value in {@code [offset, offset + length)}. */
    boolean hasState(int group, int offset, int length) {
        for (int b = 0; b < buffers.length; b++) {
            float start = initialValue(b);
            float[] values = buffers[b][group];
            for (int i = offset; i < offset + length; i++) {
                if (values[i] != start) {
                    return true;
                }
            }
        }
        return false;
    }

    static float gradientAt(float[] gradient, int index, float scale) {
        return gradient == null ? 0f : gradient[index] * scale;
    }
}
