package io.textclf.domain.model;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A dense float32 tensor in row-major order, as PyTorch stores a parameter.
 *
 * <p>Immutable: the constructor and {@link #values()} copy, so a tensor handed out never changes
 * ({@link #sharedValues()} is for readers that promise not to write). The one exception is a tensor its
 * holder hands over to be trained in place ({@link io.textclf.domain.backend.ComputeBackend#trainableTakingOver}): nothing reads
 * its values afterwards.
 * Use {@link #valueAt(int)} or {@link #copyInto(float[])} to read without allocating per element.
 */
public final class Tensor {

    private final int[] shape;
    private final float[] values;

    /**
     * @param shape  sizes of each dimension, each at least 1
     * @param values {@code product(shape)} values in row-major order
     */
    public Tensor(int[] shape, float[] values) {
        this(values.clone(), shape.clone());
    }

    /** Takes {@code values} and {@code shape} as they are; the caller has copied them or made them. */
    private Tensor(float[] values, int[] shape) {
        long count = 1;
        for (int size : shape) {
            if (size < 1) {
                throw new IllegalArgumentException("tensor dimensions must be positive: " + Arrays.toString(shape));
            }
            count *= size;
        }
        if (count != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + count
                    + " values, got " + values.length);
        }
        this.shape = shape;
        this.values = values;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int size() {
        return values.length;
    }

    public float valueAt(int flatIndex) {
        return values[flatIndex];
    }

    /** A copy of the values in row-major order. */
    public float[] values() {
        return values.clone();
    }

    /**
     * The tensor's own array, not a copy: for a reader that needs an array and never writes into it (an
     * inference model on a loaded model file's parameters, which then holds no second copy of them).
     * Writing into it would change the tensor for every holder.
     */
    public float[] sharedValues() {
        return values;
    }

    /** Copies the values into {@code target}, which must have {@link #size()} elements. */
    public void copyInto(float[] target) {
        if (target.length != values.length) {
            throw new IllegalArgumentException("target has " + target.length + " elements, tensor " + values.length);
        }
        System.arraycopy(values, 0, target, 0, values.length);
    }

    /** Puts the values, in row-major order, into {@code target} (e.g. a little-endian view of bytes). */
    public void copyInto(FloatBuffer target) {
        target.put(values);
    }

    /** Puts {@code target.remaining()} values, from flat index {@code from} on, into {@code target}. */
    public void copyInto(int from, FloatBuffer target) {
        target.put(values, from, target.remaining());
    }

    /**
     * A tensor that takes {@code values} over without a copy: for arrays that no one else holds or will
     * change (new ones, or those of a model that is done with them), so that the tensor stays immutable.
     */
    public static Tensor adopting(int[] shape, float[] values) {
        return new Tensor(values, shape.clone());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
