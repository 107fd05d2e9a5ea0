package io.textclf.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.textclf.domain.model.TokenBatch;
import org.junit.jupiter.api.Test;

class BagTest {

    /** Documents {7, 3, 7, 7}, {}, {3, 9}. */
    private static final TokenBatch BATCH = TokenBatch.of(new int[] {7, 3, 7, 7}, new int[0], new int[] {3, 9});

    @Test
    void distinctRowsInOrderOfFirstOccurrence() {
        Bag bag = Bag.of(BATCH, 0, 3);
        assertArrayEquals(new int[] {7, 3, 9}, bag.rows());
        assertEquals(3, bag.documents());
        assertEquals(3, bag.distinct());
    }

    @Test
    void matrixHoldsCountOverLengthAndAZeroRowForAnEmptyDocument() {
        assertArrayEquals(new float[] {
            0.75f, 0.25f, 0f,
            0f, 0f, 0f,
            0f, 0.5f, 0.5f}, Bag.of(BATCH, 0, 3).matrix());
    }

    @Test
    void aRangeOfDocumentsKeepsOnlyTheirTokens() {
        Bag tail = Bag.of(BATCH, 1, 3);
        assertArrayEquals(new int[] {3, 9}, tail.rows());
        assertArrayEquals(new float[] {0f, 0f, 0.5f, 0.5f}, tail.matrix());
    }

    @Test
    void onlyEmptyDocumentsGiveNoRows() {
        Bag bag = Bag.of(TokenBatch.of(new int[0], new int[0]), 0, 2);
        assertEquals(0, bag.distinct());
        assertEquals(2, bag.documents());
        assertArrayEquals(new float[0], bag.matrix());
    }

    @Test
    void manyDistinctIdsAllGetTheirOwnSlot() {
        int[] ids = new int[5000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (i * 7919) % 4000;
        }
        Bag bag = Bag.of(TokenBatch.of(ids), 0, 1);
        assertEquals(4000, bag.distinct());
        float total = 0;
        for (float value : bag.matrix()) {
            total += value;
        }
        assertEquals(1f, total, 1e-4f);
    }

    @Test
    void aSharedLookupTableGivesTheSameBagAndIsLeftClean() {
        int[] table = new int[10];
        java.util.Arrays.fill(table, -1);
        for (int round = 0; round < 2; round++) {
            Bag bag = new Bag().fill(BATCH, 0, 3, table);
            assertArrayEquals(Bag.of(BATCH, 0, 3).rows(), bag.rows());
            assertArrayEquals(Bag.of(BATCH, 0, 3).matrix(), bag.matrix());
            for (int slot : table) {
                assertEquals(-1, slot);
            }
        }
    }

    @Test
    void aRefilledBagForgetsTheLargerBatchBefore() {
        int[] table = new int[10];
        java.util.Arrays.fill(table, -1);
        Bag bag = new Bag().fill(BATCH, 0, 3, table);
        bag.fill(TokenBatch.of(new int[] {9, 9}), 0, 1, table);
        assertArrayEquals(new int[] {9}, bag.rows());
        assertArrayEquals(new float[] {1f}, bag.matrix());
    }

    @Test
    void rejectsARangeOutsideTheBatch() {
        assertThrows(IllegalArgumentException.class, () -> Bag.of(BATCH, 2, 4));
    }
}
