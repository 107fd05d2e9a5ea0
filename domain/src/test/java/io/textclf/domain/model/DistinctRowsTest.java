package io.textclf.domain.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DistinctRowsTest {

    @Test
    void distinctIdsInOrderOfFirstOccurrenceAndEachTokensPositionAmongThem() {
        DistinctRows rows = new DistinctRows.Finder(10).find(TokenBatch.of(new int[] {7, 3, 7, 0, 3, 9, 7}));
        assertArrayEquals(new int[] {7, 3, 0, 9}, rows.rows());
        assertArrayEquals(new int[] {0, 1, 0, 2, 1, 3, 0}, rows.slots());
    }

    @Test
    void sharedRowsGetGradientRowsOfTheirOwnAndASingleTokensRowItsDocuments() {
        // documents {7, 3, 7}, {}, {0, 3, 9}, {5, 5, 2}: rows 7, 3 and 5 are shared, 0, 9 and 2 have a single token
        TokenBatch batch = new TokenBatch(new int[] {7, 3, 7, 0, 3, 9, 5, 5, 2}, new int[] {0, 3, 3, 6});
        DistinctRows rows = new DistinctRows.Finder(10).find(batch);
        assertArrayEquals(new int[] {7, 3, 0, 9, 5, 2}, rows.rows());
        DistinctRows.GradientRows gradients = rows.gradientRows();
        assertEquals(3, gradients.shared());
        // shared rows first (7, 3, 5), then one per document: 0 and 9 are document 2's, 2 document 3's
        assertArrayEquals(new int[] {0, 1, 3 + 2, 3 + 2, 2, 3 + 3}, gradients.ofSlot());
        assertArrayEquals(new int[] {0, 1, 0, 1, 2, 2}, gradients.ofSharedTokens());
        assertArrayEquals(new int[] {0, 3, 3, 4, 6}, gradients.sharedTokensFrom());
    }

    @Test
    void oneFinderServesManyBatches() {
        DistinctRows.Finder finder = new DistinctRows.Finder(50);
        Random random = new Random(3);
        for (int batch = 0; batch < 200; batch++) {
            int[] ids = random.ints(random.nextInt(300), 0, 50).toArray();
            DistinctRows rows = finder.find(TokenBatch.of(ids));
            assertEquals(ids.length, rows.slots().length);
            for (int t = 0; t < ids.length; t++) {
                assertEquals(ids[t], rows.rows()[rows.slots()[t]], "batch " + batch + ", token " + t);
            }
            assertEquals(Arrays.stream(ids).distinct().count(), rows.rows().length);
            assertArrayEquals(Arrays.stream(ids).distinct().toArray(), rows.rows());
        }
    }

    @Test
    void aFinderForTheTrainingThreadGivesEveryRowAGradientRowOfItsOwn() {
        TokenBatch batch = TokenBatch.of(new int[] {7, 3, 7}, new int[0], new int[] {0, 3, 9});
        DistinctRows rows = DistinctRows.Finder.everyRowShared(10).find(batch);
        DistinctRows.GradientRows gradients = rows.gradientRows();
        assertEquals(4, gradients.shared());
        assertArrayEquals(new int[] {0, 1, 2, 3}, gradients.ofSlot());
        assertArrayEquals(rows.slots(), gradients.ofSharedTokens());
        assertArrayEquals(new int[] {0, 3, 3, 6}, gradients.sharedTokensFrom());
    }

    @Test
    void everySharedTokenAndEverySingleTokenGetTheirGradientRows() {
        DistinctRows.Finder finder = new DistinctRows.Finder(40, true);
        Random random = new Random(5);
        for (int batch = 0; batch < 300; batch++) {
            // documents of 0-9 tokens, so that some are empty and ids repeat within and across documents
            int[][] documents = new int[1 + random.nextInt(12)][];
            for (int d = 0; d < documents.length; d++) {
                documents[d] = random.ints(random.nextInt(10), 0, 40).toArray();
            }
            TokenBatch tokens = TokenBatch.of(documents);
            int[] ids = tokens.tokenIds();
            DistinctRows rows = finder.find(tokens);
            DistinctRows.GradientRows gradients = rows.gradientRows();
            int shared = (int) Arrays.stream(rows.rows())
                    .filter(row -> Arrays.stream(ids).filter(id -> id == row).count() > 1).count();
            assertEquals(shared, gradients.shared(), "batch " + batch);
            int nextShared = 0;
            int sharedToken = 0;
            for (int d = 0; d < documents.length; d++) {
                assertEquals(sharedToken, gradients.sharedTokensFrom()[d], "batch " + batch + ", document " + d);
                for (int t = tokens.start(d); t < tokens.end(d); t++) {
                    int id = ids[t];
                    int slot = rows.slots()[t];
                    int gradientRow = gradients.ofSlot()[slot];
                    if (Arrays.stream(ids).filter(other -> other == id).count() == 1) {
                        assertEquals(shared + d, gradientRow, "batch " + batch + ", a single token's row " + id);
                    } else {
                        // shared rows are numbered in order of first occurrence
                        assertTrue(gradientRow < shared, "batch " + batch + ", shared row " + id);
                        if (gradientRow == nextShared) {
                            nextShared++;
                        }
                        assertTrue(gradientRow < nextShared, "batch " + batch + ", shared rows in order");
                        assertEquals(gradientRow, gradients.ofSharedTokens()[sharedToken++], "batch " + batch);
                    }
                }
            }
            assertEquals(sharedToken, gradients.sharedTokensFrom()[documents.length], "batch " + batch);
            assertEquals(sharedToken, gradients.ofSharedTokens().length, "batch " + batch);
        }
    }

    @Test
    void eachBatchSaysWhichRowsOfTheBatchBeforeItReadsAgain() {
        DistinctRows.Finder finder = new DistinctRows.Finder(10, true);
        DistinctRows first = finder.find(TokenBatch.of(new int[] {7, 3, 7, 0, 9}));
        assertArrayEquals(new int[0], first.previousSlotsReadAgain());
        assertArrayEquals(new int[0], first.previousSlotsNotReadAgain());
        assertArrayEquals(new int[] {7, 3, 0, 9}, first.newRows());
        DistinctRows second = finder.find(TokenBatch.of(new int[] {9, 1, 7, 9}));
        // the first batch's rows 7, 3, 0, 9 are its slots 0-3: the second batch reads 7 and 9 again
        assertArrayEquals(new int[] {0, 3}, second.previousSlotsReadAgain());
        assertArrayEquals(new int[] {1, 2}, second.previousSlotsNotReadAgain());
        assertArrayEquals(new int[] {1}, second.newRows());
        assertTrue(second.follows(first));
        assertFalse(first.follows(second));
        assertFalse(second.follows(null));
        DistinctRows third = finder.find(TokenBatch.of(new int[] {4}));
        assertArrayEquals(new int[0], third.previousSlotsReadAgain());
        assertArrayEquals(new int[] {0, 1, 2}, third.previousSlotsNotReadAgain());
        assertArrayEquals(new int[] {4}, third.newRows());
        assertTrue(third.follows(second));
        assertFalse(third.follows(first));
        assertFalse(new DistinctRows.Finder(10, true).find(TokenBatch.of(new int[] {4})).follows(second), "another finder's batch");
    }

    @Test
    void aFinderThatDoesNotCompareSaysNothingAboutThePreviousBatch() {
        DistinctRows.Finder finder = new DistinctRows.Finder(10);
        DistinctRows first = finder.find(TokenBatch.of(new int[] {7, 3, 7}));
        DistinctRows second = finder.find(TokenBatch.of(new int[] {3, 1}));
        assertFalse(second.follows(first));
        assertArrayEquals(new int[0], second.previousSlotsReadAgain());
        assertArrayEquals(new int[0], second.previousSlotsNotReadAgain());
        assertArrayEquals(new int[] {3, 1}, second.newRows());
    }

    @Test
    void theSplitOfThePreviousRowsHoldsOverManyBatches() {
        DistinctRows.Finder finder = new DistinctRows.Finder(60, true);
        Random random = new Random(11);
        DistinctRows previous = finder.find(TokenBatch.of(random.ints(100, 0, 60).toArray()));
        for (int batch = 0; batch < 100; batch++) {
            int[] ids = random.ints(random.nextInt(120), 0, 60).toArray();
            DistinctRows rows = finder.find(TokenBatch.of(ids));
            int[] again = rows.previousSlotsReadAgain();
            int[] notAgain = rows.previousSlotsNotReadAgain();
            assertEquals(previous.rows().length, again.length + notAgain.length);
            for (int slot : again) {
                int row = previous.rows()[slot];
                assertTrue(Arrays.stream(ids).anyMatch(id -> id == row), "batch " + batch + " reads row " + row);
            }
            for (int slot : notAgain) {
                int row = previous.rows()[slot];
                assertTrue(Arrays.stream(ids).noneMatch(id -> id == row), "batch " + batch + " lacks row " + row);
            }
            assertTrue(isIncreasing(again) && isIncreasing(notAgain));
            int[] before = previous.rows();
            assertArrayEquals(Arrays.stream(rows.rows()).filter(row -> Arrays.stream(before).noneMatch(b -> b == row))
                    .toArray(), rows.newRows(), "batch " + batch);
            previous = rows;
        }
    }

    private static boolean isIncreasing(int[] values) {
        for (int i = 1; i < values.length; i++) {
            if (values[i] <= values[i - 1]) {
                return false;
            }
        }
        return true;
    }

    @Test
    void anIdOutsideTheVocabularyIsRefusedAndTheFinderStillWorks() {
        DistinctRows.Finder finder = new DistinctRows.Finder(5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> finder.find(TokenBatch.of(new int[] {1}, new int[] {2, 5})));
        assertEquals("token ids must be in [0, 5), document 1 of the batch has 5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> finder.find(TokenBatch.of(new int[] {-1})));
        DistinctRows rows = finder.find(TokenBatch.of(new int[] {2, 1, 2}));
        assertArrayEquals(new int[] {2, 1}, rows.rows());
        assertArrayEquals(new int[] {0, 1, 0}, rows.slots());
    }

    @Test
    void aRefusedBatchLeavesTheComparisonWithTheBatchBeforeIt() {
        DistinctRows.Finder finder = new DistinctRows.Finder(10, true);
        DistinctRows first = finder.find(TokenBatch.of(new int[] {7, 3}));
        assertThrows(IllegalArgumentException.class, () -> finder.find(TokenBatch.of(new int[] {3, 4, 10})));
        DistinctRows second = finder.find(TokenBatch.of(new int[] {4, 7}));
        assertTrue(second.follows(first));
        assertArrayEquals(new int[] {0}, second.previousSlotsReadAgain());
        assertArrayEquals(new int[] {1}, second.previousSlotsNotReadAgain());
        assertArrayEquals(new int[] {4}, second.newRows());
    }

    @Test
    void anEmptyBatchHasNoRows() {
        DistinctRows rows = new DistinctRows.Finder(5).find(TokenBatch.of(new int[0]));
        assertEquals(0, rows.rows().length);
        assertEquals(0, rows.slots().length);
    }
}
