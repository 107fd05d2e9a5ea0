package io.textclf.domain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.BitSet;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RandomSplitTest {

    private static final RandomSplit TUTORIAL = new RandomSplit(0.05, 7);

    /** Sizes from Python: {@code int(n * 0.95)}. */
    @ParameterizedTest(name = "{0} rows -> {1} train")
    @CsvSource({"1, 0", "19, 18", "20, 19", "21, 19", "39, 37", "40, 38", "101, 95", "1000, 950", "7600, 7220",
            "119999, 113999", "120000, 114000"})
    void trainsOnIntOfNinetyFivePercent(int rows, int train) {
        EncodedCorpus[] parts = TUTORIAL.split(corpus(rows));
        assertEquals(train, parts[0].size());
        assertEquals(rows - train, parts[1].size());
    }

    @Test
    void partsAreDisjointAndCoverEveryRowWithItsLabel() {
        EncodedCorpus[] parts = TUTORIAL.split(corpus(1000));
        BitSet seen = new BitSet();
        for (EncodedCorpus part : parts) {
            int[] rows = rowIds(part);
            for (int i = 0; i < rows.length; i++) {
                assertFalse(seen.get(rows[i]), "row " + rows[i] + " is in both parts");
                seen.set(rows[i]);
                assertEquals(rows[i] % 4, part.label(i), "row " + rows[i] + " lost its label");
            }
        }
        assertEquals(1000, seen.cardinality());
    }

    @Test
    void sameSeedSplitsTheSameWay() {
        EncodedCorpus corpus = corpus(500);
        EncodedCorpus[] one = TUTORIAL.split(corpus);
        EncodedCorpus[] two = new RandomSplit(0.05, 7).split(corpus);
        assertArrayEquals(rowIds(one[0]), rowIds(two[0]));
        assertArrayEquals(rowIds(one[1]), rowIds(two[1]));
    }

    @Test
    void differentSeedsSplitDifferently() {
        EncodedCorpus corpus = corpus(500);
        assertFalse(Arrays.equals(rowIds(TUTORIAL.split(corpus)[1]), rowIds(new RandomSplit(0.05, 8).split(corpus)[1])));
    }

    @Test
    void shuffles() {
        int[] train = rowIds(TUTORIAL.split(corpus(500))[0]);
        int[] sorted = train.clone();
        Arrays.sort(sorted);
        assertFalse(Arrays.equals(sorted, train), "the training part must be in random order");
        assertTrue(sorted[sorted.length - 1] > 470, "the training part must draw from the whole corpus");
    }

    @Test
    void zeroFractionKeepsEverythingForTraining() {
        EncodedCorpus[] parts = new RandomSplit(0, 7).split(corpus(37));
        assertEquals(37, parts[0].size());
        assertEquals(0, parts[1].size());
    }

    @Test
    void permutationIsAPermutation() {
        int[] permutation = RandomSplit.permutation(257, new MersenneTwister(3L));
        int[] sorted = permutation.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        assertEquals(0, RandomSplit.permutation(0, new MersenneTwister(3L)).length);
    }

    @Test
    void rejectsFractionsOutsideZeroToOne() {
        for (double fraction : new double[] {-0.01, 1, 1.5, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> new RandomSplit(fraction, 1), "fraction " + fraction);
        }
    }

    /** Row {@code i} is the one-token document {@code [i]} with label {@code i % 4}. */
    private static EncodedCorpus corpus(int rows) {
        int[][] documents = new int[rows][];
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            documents[i] = new int[] {i};
            labels[i] = i % 4;
        }
        return new EncodedCorpus(documents, labels);
    }

    private static int[] rowIds(EncodedCorpus part) {
        int[] rows = new int[part.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return part.batch(rows, 0, rows.length).tokenIds();
    }

    /** Fisher-Yates, not Sattolo's variant (which gives only cycles: no element would ever stay in place). */
    @Test
    void everyOrderOfThreeRowsComesOutEquallyOftenOverSeeds() {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (int seed = 0; seed < 6000; seed++) {
            counts.merge(Arrays.toString(RandomSplit.permutation(3, new MersenneTwister(seed))), 1, Integer::sum);
        }
        assertEquals(6, counts.size(), counts.toString());
        counts.values().forEach(count -> assertTrue(count > 850 && count < 1150, counts.toString()));
    }
}
