package io.textclf.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.textclf.domain.model.TokenBatch;
import org.junit.jupiter.api.Test;

class BagBatchTest {

    @Test
    void distinctRowsInOrderOfAppearanceAndOneEntryPerDistinctTokenOfADocument() {
        BagBatch bag = BagBatch.of(TokenBatch.of(new int[] {7, 3, 7, 7}, new int[0], new int[] {3}));

        assertEquals(3, bag.documents());
        assertArrayEquals(new long[] {7, 3}, bag.rows());
        assertArrayEquals(new long[] {0, 0, 2}, bag.documentOf());
        assertArrayEquals(new long[] {0, 1, 1}, bag.slotOf());
        assertArrayEquals(new float[] {0.75f, 0.25f, 1f}, bag.weights());
    }

    @Test
    void batchWithoutTokensHasNoRowsAndNoEntries() {
        BagBatch bag = BagBatch.of(TokenBatch.of(new int[0], new int[0]));

        assertEquals(2, bag.documents());
        assertEquals(0, bag.distinctRows());
        assertEquals(0, bag.entries());
    }

    @Test
    void manyDistinctIdsWithCollidingHashesAreAllKept() {
        int[] ids = new int[5000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (i * 4096) % 100_003;
        }
        BagBatch bag = BagBatch.of(TokenBatch.of(ids, ids));

        assertEquals(5000, bag.distinctRows());
        assertEquals(10_000, bag.entries());
        for (int i = 0; i < ids.length; i++) {
            assertEquals(ids[i], bag.rows()[(int) bag.slotOf()[i]]);
        }
    }

    @Test
    void weightsOfEachDocumentSumToOne() {
        BagBatch bag = BagBatch.of(TokenBatch.of(new int[] {1, 2, 3, 1, 2, 1, 9}, new int[] {9, 9, 4}));

        double[] sums = new double[bag.documents()];
        for (int i = 0; i < bag.entries(); i++) {
            sums[(int) bag.documentOf()[i]] += bag.weights()[i];
        }
        assertEquals(1.0, sums[0], 1e-6);
        assertEquals(1.0, sums[1], 1e-6);
    }
}
