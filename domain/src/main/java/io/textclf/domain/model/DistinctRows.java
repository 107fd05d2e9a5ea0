package io.textclf.domain.model;

import java.util.Arrays;

/**
 * The distinct token ids of a {@link TokenBatch} in order of first occurrence, and for every token the
 * position of its id among them: what a model that keeps one embedding-gradient row per distinct token
 * needs. It depends on the ids alone, so a training loop can find it on another core while the model
 * still trains on the previous batch ({@link TrainableModel#forward(TokenBatch, DistinctRows)}). Only a
 * {@link Finder} makes one, so the two arrays always agree; callers must not change them.
 */
public final class DistinctRows {

    private final int[] rows;
    private final int[] slots;

    private DistinctRows(int[] rows, int[] slots) {
        this.rows = rows;
        this.slots = slots;
    }

    /** The distinct ids, in order of first occurrence. */
    public int[] rows() {
        return rows;
    }

    /** One per token: {@code slots()[t]} is the index in {@link #rows()} of the id of token {@code t}. */
    public int[] slots() {
        return slots;
    }

    /**
     * Finds the distinct rows of batches with ids in {@code [0, vocabSize)}. It holds an int per id, so
     * one finder serves one thread and many batches.
     */
    public static final class Finder {
        /** The slot of each id in the batch being looked at, -1 for the others (all -1 between calls). */
        private final int[] slotOfId;

        public Finder(int vocabSize) {
            slotOfId = new int[vocabSize];
            Arrays.fill(slotOfId, -1);
        }

        /**
         * The distinct rows of {@code tokenIds}.
         *
         * @throws IllegalArgumentException when an id is outside {@code [0, vocabSize)}
         */
        public DistinctRows find(int[] tokenIds) {
            int[] slots = new int[tokenIds.length];
            int[] rows = new int[tokenIds.length];
            int count = 0;
            try {
                for (int t = 0; t < tokenIds.length; t++) {
                    int id = tokenIds[t];
                    if (id < 0 || id >= slotOfId.length) {
                        throw new IllegalArgumentException("token ids must be in [0, " + slotOfId.length + "), token "
                                + t + " is " + id);
                    }
                    int slot = slotOfId[id];
                    if (slot < 0) {
                        slot = count++;
                        rows[slot] = id;
                        slotOfId[id] = slot;
                    }
                    slots[t] = slot;
                }
            } finally {
                for (int s = 0; s < count; s++) {
                    slotOfId[rows[s]] = -1;
                }
            }
            return new DistinctRows(Arrays.copyOf(rows, count), slots);
        }
    }
}
