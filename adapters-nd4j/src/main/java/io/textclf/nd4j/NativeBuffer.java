package io.textclf.nd4j;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A reusable block of ND4J native memory (float32, or int32 for indices) that grows on demand and
 * hands out row-major matrices over its first elements, so that a training step reuses the same memory instead of
 * allocating (and page-faulting) new arrays on every call.
 *
 * <p>A matrix handed out stays valid until the next call that grows the block, or {@link #close()}; it
 * shares the block's memory and is never closed itself. Matrices are kept by shape and handed out
 * again (each new ND4J array costs a native shape buffer freed only by the garbage collector); at most
 * one per shape that fits the block. Not thread-safe.
 */
final class NativeBuffer implements AutoCloseable {

    private static final long MINIMUM = 1024;

    private final DataType type;
    private final Map<Long, INDArray> views = new HashMap<>();
    private INDArray block;
    private long capacity;

    NativeBuffer(DataType type) {
        this.type = type;
    }

    /** A {@code rows x columns} row-major matrix over the first {@code rows * columns} floats. */
    INDArray matrix(long rows, long columns) {
        reserve(rows * columns);
        return views.computeIfAbsent(rows << 32 | columns, key -> Nd4j.create(block.data(),
                new long[] {rows, columns}, new long[] {columns, 1}, 0, 'c', type));
    }

    /** A vector holding {@code values[0 .. length)}; for an int32 buffer. */
    INDArray vectorOf(int[] values, int length) {
        reserve(length);
        INDArray vector = views.computeIfAbsent(-(long) length, key -> Nd4j.create(block.data(),
                new long[] {length}, new long[] {1}, 0, 'c', type));
        block.data().asNioInt().put(values, 0, length);
        return vector;
    }

    /** A {@code rows x columns} matrix holding {@code values[0 .. rows * columns)}. */
    INDArray matrixOf(float[] values, int rows, int columns) {
        INDArray matrix = matrix(rows, columns);
        floats().put(values, 0, rows * columns);
        return matrix;
    }

    /**
     * The float32 block's values from its first element (absolute indexing), to read and write the matrices
     * handed out since it last grew.
     */
    FloatBuffer floats() {
        if (block == null) {
            throw new IllegalStateException("no matrix handed out yet");
        }
        return block.data().asNioFloat();
    }

    private void reserve(long size) {
        if (block != null && size <= capacity) {
            return;
        }
        long grown = Math.max(size, Math.max(MINIMUM, capacity + capacity / 2));
        if (block != null) {
            block.close();
        }
        views.clear();
        block = Nd4j.createUninitializedDetached(type, grown);
        capacity = grown;
    }

    /** Frees the native memory. Idempotent. */
    @Override
    public void close() {
        if (block != null) {
            block.close();
            block = null;
            capacity = 0;
            views.clear();
        }
    }
}
