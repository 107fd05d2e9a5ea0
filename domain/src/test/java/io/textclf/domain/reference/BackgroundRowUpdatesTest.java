package io.textclf.domain.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackgroundRowUpdatesTest {

    private static final int LENGTH = 64;
    private final Random random = new Random(21);

    @Test
    void theUpdateIsTheKernelsWhoeverDoesWhichChunkAndWhateverItReadsAhead() {
        int rows = 5_000;
        float[] table = values(rows * LENGTH);
        float[] expected = table.clone();
        float[] actual = table.clone();
        try (BackgroundRowUpdates updates = new BackgroundRowUpdates(RowKernels.BEST)) {
            for (int round = 0; round < 20; round++) {
                // distinct rows, as a batch's are; slots a selection of them, in increasing order
                int[] distinct = random.ints(0, rows).distinct().limit(1 + random.nextInt(2_000)).toArray();
                int[] slots = IntStream.range(0, distinct.length).filter(s -> random.nextInt(4) > 0)
                        .toArray();
                float[] gradients = values(distinct.length * LENGTH);
                // each slot's gradient row anywhere among them, as a batch's (shared by some)
                int[] sourceRows = random.ints(distinct.length, 0, distinct.length).toArray();
                float factor = random.nextFloat() - 0.5f;
                RowKernels.BEST.addScaledRowsTo(expected, distinct, slots, 0, slots.length, factor, gradients,
                        sourceRows, LENGTH);
                updates.start(actual, distinct, slots, factor, gradients, sourceRows, LENGTH);
                // a hint to read rows ahead, some of them being updated: it changes nothing
                updates.readAhead(actual, random.ints(300, 0, rows).toArray(), LENGTH);
                if (round % 2 == 0) {
                    // let the thread take every chunk (its part is otherwise a race with this one)
                    long deadline = System.nanoTime() + 5_000_000_000L;
                    while (!updates.startedAll() && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                }
                updates.finish();
                assertArrayEquals(expected, actual, "round " + round);
            }
        }
    }

    @Test
    void aFailedUpdateIsReportedAndNothingHangs() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            BackgroundRowUpdates updates = new BackgroundRowUpdates(RowKernels.BEST);
            float[] table = values(10 * LENGTH);
            int[] rows = new int[200];
            rows[150] = 10;
            int[] slots = IntStream.range(0, rows.length).toArray();
            updates.start(table, rows, slots, 1f, values(rows.length * LENGTH), inOrder(rows.length), LENGTH);
            assertThrows(IllegalStateException.class, updates::finish);
            assertThrows(IllegalStateException.class, updates::finish, "and from then on");
            assertThrows(IllegalStateException.class, updates::close);
        });
    }

    @Test
    void manyFailedChunksOnBothThreadsStillEndTheWait() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            BackgroundRowUpdates updates = new BackgroundRowUpdates(RowKernels.BEST);
            float[] table = values(10 * LENGTH);
            // every row outside the table: every chunk fails, whichever thread claims it
            int[] rows = new int[20 * BackgroundRowUpdates.CHUNK];
            java.util.Arrays.fill(rows, 10);
            int[] slots = IntStream.range(0, rows.length).toArray();
            updates.start(table, rows, slots, 1f, values(rows.length * LENGTH), inOrder(rows.length), LENGTH);
            IllegalStateException e = assertThrows(IllegalStateException.class, updates::finish);
            assertTrue(e.getCause() instanceof IndexOutOfBoundsException, e.toString());
            assertThrows(IllegalStateException.class, updates::close);
        });
    }

    /** Gradient rows one after the other: slot {@code s}'s is row {@code s}. */
    private static int[] inOrder(int slots) {
        return IntStream.range(0, slots).toArray();
    }

    private float[] values(int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }
}
