package io.textclf.domain.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DistinctRowsTest {

    @Test
    void distinctIdsInOrderOfFirstOccurrenceAndEachTokensPositionAmongThem() {
        DistinctRows rows = new DistinctRows.Finder(10).find(new int[] {7, 3, 7, 0, 3, 9, 7});
        assertArrayEquals(new int[] {7, 3, 0, 9}, rows.rows());
        assertArrayEquals(new int[] {0, 1, 0, 2, 1, 3, 0}, rows.slots());
    }

    @Test
    void oneFinderServesManyBatches() {
        DistinctRows.Finder finder = new DistinctRows.Finder(50);
        Random random = new Random(3);
        for (int batch = 0; batch < 200; batch++) {
            int[] ids = random.ints(random.nextInt(300), 0, 50).toArray();
            DistinctRows rows = finder.find(ids);
            assertEquals(ids.length, rows.slots().length);
            for (int t = 0; t < ids.length; t++) {
                assertEquals(ids[t], rows.rows()[rows.slots()[t]], "batch " + batch + ", token " + t);
            }
            assertEquals(Arrays.stream(ids).distinct().count(), rows.rows().length);
            assertArrayEquals(Arrays.stream(ids).distinct().toArray(), rows.rows());
        }
    }

    @Test
    void anIdOutsideTheVocabularyIsRefusedAndTheFinderStillWorks() {
        DistinctRows.Finder finder = new DistinctRows.Finder(5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> finder.find(new int[] {1, 2, 5}));
        assertEquals("token ids must be in [0, 5), token 2 is 5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> finder.find(new int[] {-1}));
        DistinctRows rows = finder.find(new int[] {2, 1, 2});
        assertArrayEquals(new int[] {2, 1}, rows.rows());
        assertArrayEquals(new int[] {0, 1, 0}, rows.slots());
    }

    @Test
    void anEmptyBatchHasNoRows() {
        DistinctRows rows = new DistinctRows.Finder(5).find(new int[0]);
        assertEquals(0, rows.rows().length);
        assertEquals(0, rows.slots().length);
    }
}
