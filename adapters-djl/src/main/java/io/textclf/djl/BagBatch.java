package io.textclf.djl;

import io.textclf.domain.model.TokenBatch;
import java.util.Arrays;

/**
 * A {@link TokenBatch} prepared for the mean embedding bag as sparse matrix products, in plain Java.
 *
 * <p>{@link #rows()} holds the distinct token ids of the batch in order of first appearance (U of them). The bag
 * matrix {@code A} is {@code B x U} with {@code A[b][u] = count of rows[u] in document b / length of
 * document b}, so that {@code hidden = A @ embedding[rows]} is the mean of each document's rows and an
 * empty document gets the zero vector, as in PyTorch's {@code EmbeddingBag(mode="mean")}. It is stored
 * as coordinates: entry {@code i} is {@code A[documentOf[i]][slotOf[i]] = weights[i]}, one entry per
 * distinct token of a document ({@link #entries()} of them, at most the batch's token count).
 *
 * @param documents number of documents B
 * @param rows      distinct token ids, in order of first appearance
 * @param documentOf document index of each entry
 * @param slotOf     index into {@code rows} of each entry
 * @param weights    value of each entry
 */
record BagBatch(int documents, long[] rows, long[] documentOf, long[] slotOf, float[] weights) {

    /** Builds the bag matrix of {@code batch} in O(tokens); ids must already be checked against the vocabulary. */
    static BagBatch of(TokenBatch batch) {
        int[] ids = batch.tokenIds();
        int[] slotOfToken = new int[ids.length];
        long[] rows = distinctRows(ids, slotOfToken);
        long[] documentOf = new long[ids.length];
        long[] slotOf = new long[ids.length];
        float[] weights = new float[ids.length];
        int[] countOfSlot = new int[rows.length];
        int[] slotsOfDocument = new int[ids.length];
        int entries = 0;
        for (int b = 0; b < batch.size(); b++) {
            int start = batch.start(b);
            int end = batch.end(b);
            int distinct = 0;
            for (int t = start; t < end; t++) {
                int slot = slotOfToken[t];
                if (countOfSlot[slot]++ == 0) {
                    slotsOfDocument[distinct++] = slot;
                }
            }
            float inverseLength = 1f / (end - start);
            for (int i = 0; i < distinct; i++) {
                int slot = slotsOfDocument[i];
                documentOf[entries] = b;
                slotOf[entries] = slot;
                weights[entries] = countOfSlot[slot] * inverseLength;
                countOfSlot[slot] = 0;
                entries++;
            }
        }
        return new BagBatch(batch.size(), rows,
                Arrays.copyOf(documentOf, entries), Arrays.copyOf(slotOf, entries), Arrays.copyOf(weights, entries));
    }

    /**
     * The distinct ids in order of first appearance; fills {@code slotOfToken} with each token's index
     * among them. An open-addressing table of at least twice the token count keeps it linear.
     */
    private static long[] distinctRows(int[] ids, int[] slotOfToken) {
        int capacity = Integer.highestOneBit(Math.max(2, ids.length) * 2 - 1) << 1;
        int mask = capacity - 1;
        int shift = Integer.numberOfLeadingZeros(mask);
        int[] keys = new int[capacity];
        int[] slots = new int[capacity];
        Arrays.fill(keys, -1);
        long[] rows = new long[ids.length];
        int distinct = 0;
        for (int t = 0; t < ids.length; t++) {
            int id = ids[t];
            int h = (id * 0x9E3779B9) >>> shift;
            while (keys[h] != -1 && keys[h] != id) {
                h = (h + 1) & mask;
            }
            if (keys[h] == -1) {
                keys[h] = id;
                slots[h] = distinct;
                rows[distinct++] = id;
            }
            slotOfToken[t] = slots[h];
        }
        return Arrays.copyOf(rows, distinct);
    }

    /** Number of distinct token ids U. */
    int distinctRows() {
        return rows.length;
    }

    /** Number of non-zero entries of the bag matrix. */
    int entries() {
        return weights.length;
    }
}
