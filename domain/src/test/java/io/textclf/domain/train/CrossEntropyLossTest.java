package io.textclf.domain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrossEntropyLossTest {

    private final CrossEntropyLoss loss = new CrossEntropyLoss();

    @Test
    void isTheMeanNegativeLogSoftmaxOfTheLabel() {
        float[] logits = {0, 0, 0, 1, 2, 3};
        LossOutput output = loss.compute(logits, new int[] {0, 2}, 3);

        double uniform = Math.log(3);
        double third = -Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));
        assertEquals((uniform + third) / 2, output.loss(), 1e-12);
    }

    @Test
    void gradientIsSoftmaxMinusOneHotOverBatchSize() {
        float[] logits = {0, 0, 0, 1, 2, 3};
        float[] gradient = loss.compute(logits, new int[] {0, 2}, 3).logitGradient();

        double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
        double[] expected = {
            (1.0 / 3 - 1) / 2, (1.0 / 3) / 2, (1.0 / 3) / 2,
            (Math.exp(1) / sum) / 2, (Math.exp(2) / sum) / 2, (Math.exp(3) / sum - 1) / 2};
        assertEquals(expected.length, gradient.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], gradient[i], 1e-7, "gradient[" + i + "]");
        }
    }

    @Test
    void gradientRowsSumToZero() {
        float[] logits = {0.3f, -1.2f, 2.5f, 0.1f, -0.7f, 4f, 4f, -4f};
        float[] gradient = loss.compute(logits, new int[] {3, 1}, 4).logitGradient();
        for (int r = 0; r < 2; r++) {
            double rowSum = 0;
            for (int c = 0; c < 4; c++) {
                rowSum += gradient[r * 4 + c];
            }
            assertEquals(0, rowSum, 1e-7, "row " + r);
        }
    }

    @Test
    void staysFiniteAndExactWithHugeLogits() {
        float[] logits = {1e4f, 0, -1e4f};

        assertEquals(0, loss.compute(logits, new int[] {0}, 3).loss(), 1e-9);
        assertEquals(1e4, loss.compute(logits, new int[] {1}, 3).loss(), 1e-6);
        assertEquals(2e4, loss.compute(logits, new int[] {2}, 3).loss(), 1e-6);

        float[] gradient = loss.compute(logits, new int[] {2}, 3).logitGradient();
        assertEquals(1, gradient[0], 1e-7);
        assertEquals(0, gradient[1], 1e-7);
        assertEquals(-1, gradient[2], 1e-7);
    }

    @Test
    void hugeEqualLogitsShareTheProbability() {
        LossOutput output = loss.compute(new float[] {1e4f, 1e4f, -1e4f}, new int[] {1}, 3);
        assertEquals(Math.log(2), output.loss(), 1e-12);
        assertEquals(0.5, output.logitGradient()[0], 1e-7);
        assertEquals(-0.5, output.logitGradient()[1], 1e-7);
        assertEquals(0, output.logitGradient()[2], 1e-7);
    }

    @Test
    void veryNegativeLogitsDoNotUnderflowToNaN() {
        LossOutput output = loss.compute(new float[] {-1e4f, -1e4f - 2, -1e4f - 4}, new int[] {0}, 3);
        double expected = Math.log(1 + Math.exp(-2) + Math.exp(-4));
        assertEquals(expected, output.loss(), 1e-9);
        for (float g : output.logitGradient()) {
            assertTrue(Float.isFinite(g));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 3, 100})
    void rejectsLabelsOutsideTheClasses(int label) {
        assertThrows(IllegalArgumentException.class,
                () -> loss.compute(new float[] {0, 0, 0, 0, 0, 0}, new int[] {0, label}, 3));
    }

    @Test
    void rejectsLogitsOfTheWrongSize() {
        assertThrows(IllegalArgumentException.class, () -> loss.compute(new float[] {0, 0, 0, 0, 0}, new int[] {0, 1}, 3));
    }

    @Test
    void rejectsAnEmptyBatch() {
        assertThrows(IllegalArgumentException.class, () -> loss.compute(new float[0], new int[0], 3));
    }
}
