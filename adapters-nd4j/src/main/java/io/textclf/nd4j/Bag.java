package io.textclf.nd4j;

import io.textclf.domain.model.TokenBatch;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Some documents of a batch as {@code EmbeddingBag(mode="mean")} needs them for dense matrix products:
 * the distinct token ids ({@link #rows()}, in order of first occurrence) and the {@code B x U} bag
 * matrix whose entry {@code [d, u]} is how often row {@code u} occurs in document {@code d} divided by
 * the document's length.
 *
 * <p>Then {@code mean embeddings = bag x embedding[rows]} ({@code [B, U] x [U, D]}) and the gradient
 * of the gathered rows is {@code bag^T x dHidden}; an empty document has an all-zero bag row and so
 * the zero vector, as in PyTorch. Building it costs O(tokens); the matrix is written straight into
 * native memory by {@link #addTo(FloatBuffer)}. A training loop refills one bag ({@link #fill}) so that
 * steps allocate nothing on the heap for it.
 */
final class Bag {

    private TokenBatch batch = TokenBatch.of();
    private int from;
    private int to;
    private int[] rows = new int[0];
    private int distinct;
    private int[] slotOfToken = new int[0];

    /** The bag of {@code batch}'s documents {@code [from, to)}, with a lookup table of its own. */
    static Bag of(TokenBatch batch, int from, int to) {
        checkRange(batch, from, to);
        return new Bag().build(batch, from, to, new HashedSlots(tokenCount(batch, from, to)));
    }

    /**
     * Makes this bag the bag of {@code batch}'s documents {@code [from, to)}, reusing its arrays and
     * {@code slotOfRow} (one entry per vocabulary row, all -1, left all -1 again) as the lookup table:
     * nothing is allocated once the arrays have grown to the largest batch. One thread at a time.
     */
    Bag fill(TokenBatch batch, int from, int to, int[] slotOfRow) {
        checkRange(batch, from, to);
        build(batch, from, to, (id, next) -> {
            int slot = slotOfRow[id];
            if (slot < 0) {
                slotOfRow[id] = next;
                return next;
            }
            return slot;
        });
        for (int slot = 0; slot < distinct; slot++) {
            slotOfRow[rows[slot]] = -1;
        }
        return this;
    }

    private Bag build(TokenBatch batch, int from, int to, Slots slots) {
        int[] ids = batch.tokenIds();
        int first = from < to ? batch.start(from) : 0;
        int last = from < to ? batch.end(to - 1) : 0;
        if (rows.length < last - first) {
            rows = new int[last - first];
            slotOfToken = new int[last - first];
        }
        this.batch = batch;
        this.from = from;
        this.to = to;
        distinct = 0;
        for (int t = first; t < last; t++) {
            int slot = slots.slotOf(ids[t], distinct);
            if (slot == distinct) {
                rows[distinct++] = ids[t];
            }
            slotOfToken[t - first] = slot;
        }
        return this;
    }

    private static void checkRange(TokenBatch batch, int from, int to) {
        if (from < 0 || to > batch.size() || from > to) {
            throw new IllegalArgumentException("documents [" + from + ", " + to + ") are not within the batch's "
                    + batch.size());
        }
    }

    private static int tokenCount(TokenBatch batch, int from, int to) {
        return from < to ? batch.end(to - 1) - batch.start(from) : 0;
    }

    /** Number of documents B. */
    int documents() {
        return to - from;
    }

    /** Number of distinct token ids U. */
    int distinct() {
        return distinct;
    }

    /** The token id of slot {@code slot}, in {@code [0, distinct())}. */
    int row(int slot) {
        return rows[slot];
    }

    /** The distinct token ids in order of first occurrence: the first {@link #distinct()} entries; not to be changed. */
    int[] rowArray() {
        return rows;
    }

    /** A copy of the distinct token ids, in order of first occurrence. */
    int[] rows() {
        return Arrays.copyOf(rows, distinct);
    }

    /**
     * Adds the bag matrix, row-major {@code B x U}, to the first {@code B * U} floats of {@code matrix}
     * (absolute positions; the buffer's position is ignored), which the caller has zeroed.
     */
    void addTo(FloatBuffer matrix) {
        int first = from < to ? batch.start(from) : 0;
        for (int d = 0; d < to - from; d++) {
            int start = batch.start(from + d);
            int end = batch.end(from + d);
            if (end == start) {
                continue;
            }
            float weight = 1f / (end - start);
            int base = d * distinct;
            for (int t = start; t < end; t++) {
                int index = base + slotOfToken[t - first];
                matrix.put(index, matrix.get(index) + weight);
            }
        }
    }

    /** The bag matrix as a new heap array, row-major {@code B x U}. */
    float[] matrix() {
        FloatBuffer matrix = FloatBuffer.allocate(documents() * distinct());
        addTo(matrix);
        return matrix.array();
    }

    /** Token id to slot in the bag. */
    @FunctionalInterface
    private interface Slots {

        /** The slot of {@code id}; when it has none yet, records {@code next} as its slot and returns that. */
        int slotOf(int id, int next);
    }

    /** Open addressing from token id to slot, sized for a known number of insertions. */
    private static final class HashedSlots implements Slots {

        private final int[] keys;
        private final int[] slots;
        private final int mask;

        HashedSlots(int capacity) {
            int size = Integer.highestOneBit(Math.max(4, capacity * 2) - 1) << 1;
            keys = new int[size];
            slots = new int[size];
            Arrays.fill(keys, -1);
            mask = size - 1;
        }

        @Override
        public int slotOf(int id, int next) {
            int i = (id * 0x9E3779B9 >>> 1) & mask;
            while (keys[i] != -1) {
                if (keys[i] == id) {
                    return slots[i];
                }
                i = (i + 1) & mask;
            }
            keys[i] = id;
            slots[i] = next;
            return next;
        }
    }
}
