package io.textclf.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/** The bulk generator draws commons-math3's {@code MersenneTwister(seed).nextDouble()} values, bit for bit. */
class BulkMersenneTwisterTest {

    @Test
    void fiveMillionDoublesOfTheTutorialSeed() {
        assertSameDoubles(1234, 5_000_000);
    }

    @Test
    void seedsOfEverySign() {
        for (long seed : new long[] {0, 1, -1, 42, 0x5DEECE66DL, 1234 ^ 0x5DEECE66DL, Long.MIN_VALUE, Long.MAX_VALUE,
            Integer.MIN_VALUE, 0xFFFFFFFFL, 0x1_0000_0000L, -8_675_309_123_456L}) {
            assertSameDoubles(seed, 2_000);
        }
    }

    private static void assertSameDoubles(long seed, int count) {
        MersenneTwister reference = new MersenneTwister(seed);
        BulkMersenneTwister bulk = new BulkMersenneTwister(seed);
        for (int i = 0; i < count; i++) {
            double expected = reference.nextDouble();
            double actual = bulk.nextDouble();
            if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
                assertEquals(expected, actual, "seed " + seed + ", double " + i);
            }
        }
    }
}
