package io.textclf.domain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The values {@code torch.argmax} gives for the same rows (PyTorch 1.13). */
class ArgmaxTest {

    @Test
    void tiesGoToTheLowestIndex() {
        assertEquals(1, Argmax.row(new float[] {0, 0, 0, 1, 3, 3}, 1, 3));
        assertEquals(0, Argmax.row(new float[] {-2, -2}, 0, 2));
    }

    @Test
    void negativeZeroTiesWithZero() {
        assertEquals(0, Argmax.row(new float[] {-0.0f, 0.0f}, 0, 2));
    }

    @Test
    void nanIsTheLargestValueAndTheFirstOneWins() {
        assertEquals(1, Argmax.row(new float[] {1, Float.NaN, 0}, 0, 3));
        assertEquals(0, Argmax.row(new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NaN}, 0, 3));
        assertEquals(2, Argmax.row(new float[] {Float.NEGATIVE_INFINITY, 5, Float.NaN, Float.NaN}, 0, 4));
    }
}
