package io.textclf.domain.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.GradientClipping;
import io.textclf.domain.train.Optimizer;
import io.textclf.domain.train.OptimizerSpec;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernels give the very bits of the plain-Java ones, on lengths that fill whole vectors and on
 * lengths that leave a tail, at offsets that are not vector-aligned. The test JVM runs with the Vector
 * API module, as the launcher does, so these tests also prove the fast path is the one in use.
 */
class RowKernelsTest {

    private static final int[] LENGTHS = {0, 1, 3, 7, 8, 15, 16, 17, 24, 31, 32, 41, 48, 64, 80, 96, 100, 112, 257};

    private final ScalarRowKernels scalar = new ScalarRowKernels();
    private final SimdRowKernels simd = new SimdRowKernels();
    private final Random random = new Random(42);

    @Test
    void theLauncherSettingsGiveTheSimdKernelsOnceTheyAreCompiled() throws InterruptedException {
        WarmingKernels kernels = assertInstanceOf(WarmingKernels.class, RowKernels.BEST,
                "the test JVM has jdk.incubator.vector");
        kernels.warmUp();
        long deadline = System.nanoTime() + WarmingKernels.MAX_WARM_UP_NANOS;
        while (!kernels.warm() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(kernels.warm(), "the SIMD kernels never became faster than the plain loops");
    }

    @Test
    void elementWiseKernelsAgreeBitForBit() {
        for (int length : LENGTHS) {
            float[] source = values(length + 5);
            float[] target = values(length + 3);
            float factor = random.nextFloat() * 4 - 2;
            assertSame(target, (kernels, copy) -> kernels.add(copy, 3, source, 5, length), "add " + length);
            assertSame(target, (kernels, copy) -> kernels.addScaled(copy, 2, factor, source, 1, length),
                    "addScaled " + length);
            assertSame(target, (kernels, copy) -> kernels.scale(copy, 1, factor, length), "scale " + length);
        }
    }

    @Test
    void meanOfRowsAgreesBitForBitAndIsTheMean() {
        for (int length : LENGTHS) {
            int rows = 50;
            float[] table = values(rows * length);
            int[] ids = random.ints(30, 0, rows).toArray();
            float[] target = values(length + 2);
            assertSame(target, (kernels, copy) -> kernels.meanOfRows(table, ids, 4, 23, copy, 2, length),
                    "meanOfRows " + length);
            float[] mean = target.clone();
            simd.meanOfRows(table, ids, 4, 23, mean, 2, length);
            for (int i = 0; i < length; i++) {
                double sum = 0;
                for (int j = 4; j < 23; j++) {
                    sum += table[ids[j] * length + i];
                }
                assertEquals(sum / 19, mean[2 + i], 1e-5, "mean of column " + i);
            }
            float[] empty = values(length);
            simd.meanOfRows(table, ids, 9, 9, empty, 0, length);
            assertArrayEquals(new float[length], empty, "an empty bag has a zero mean");
        }
    }

    @Test
    void theUpdateAddsRowsFromTheLastToTheFirst() {
        int length = 64;
        float[] table = values(6 * length);
        // more rows than the kernels read ahead, and rows listed several times, where the order shows in the bits
        int[] rows = {2, 0, 2, 1, 2, 3, 0, 4, 2, 5, 1, 2, 3};
        // a selection of the slots, not in order, the last slot left out
        int[] slots = {11, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1};
        // gradient rows anywhere in the source, two slots sharing one
        int[] sourceRows = {5, 4, 10, 0, 3, 7, 12, 1, 2, 11, 6, 9, 4};
        float[] source = values(rows.length * length);
        float factor = -0.37f;
        float[] expected = table.clone();
        for (int j = slots.length - 1; j >= 0; j--) {
            for (int i = 0; i < length; i++) {
                expected[rows[slots[j]] * length + i] += factor * source[sourceRows[slots[j]] * length + i];
            }
        }
        for (RowKernels kernels : new RowKernels[] {scalar, simd}) {
            float[] updated = table.clone();
            kernels.addScaledRowsTo(updated, rows, slots, 0, slots.length, factor, source, sourceRows, length);
            for (int i = 0; i < table.length; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(updated[i]),
                        kernels.describe() + ": element " + i);
            }
        }
    }

    @Test
    void scattersAgreeBitForBit() {
        for (int length : LENGTHS) {
            int rows = 40;
            float[] table = values(rows * length);
            int[] targets = random.ints(30, 0, rows).toArray();
            float[] source = values(30 * length + 3);
            float factor = random.nextFloat() - 2;
            assertSame(table, (kernels, copy) -> kernels.addToRows(copy, targets, 2, 29, source, 3, length),
                    "addToRows " + length);
            int[] slots = random.ints(25, 0, 30).toArray();
            int[] sourceRows = random.ints(30, 0, 30).toArray();
            assertSame(table, (kernels, copy) -> kernels.addScaledRowsTo(copy, targets, slots, 3, 25, factor, source,
                            sourceRows, length),
                    "addScaledRowsTo " + length);
        }
    }

    @Test
    void weightedRowSumsAgreeBitForBit() {
        for (int length : LENGTHS) {
            int count = 13;
            float[] weights = values(3 * count + 2);
            float[] rows = values(count * (length + 4) + 1);
            float[] target = values(length + 1);
            assertSame(target, (kernels, copy) -> kernels.addWeightedRows(copy, 1, weights, 2, 3, rows, 1, length + 4,
                    count, length), "addWeightedRows " + length);
        }
    }

    @Test
    void sumsOfSquaresAgreeBitForBit() {
        for (int length : LENGTHS) {
            float[] values = values(length);
            double expected = 0;
            for (float v : values) {
                expected += (double) v * v;
            }
            assertEquals(scalar.sumOfSquares(values, length), simd.sumOfSquares(values, length), "length " + length);
            assertEquals(expected, simd.sumOfSquares(values, length), 1e-6 * Math.max(1, expected));
        }
    }

    @Test
    void sumsOfSquaresOfRowsAreThoseOfTheRowsLaidEndToEnd() {
        for (int length : LENGTHS) {
            int count = 23;
            float[] source = values(40 * length);
            // rows in any order, one of them twice
            int[] rows = random.ints(count, 0, 40).toArray();
            rows[count - 1] = rows[0];
            float[] laidOut = new float[count * length];
            for (int s = 0; s < count; s++) {
                System.arraycopy(source, rows[s] * length, laidOut, s * length, length);
            }
            double expected = scalar.sumOfSquares(laidOut, laidOut.length);
            assertEquals(expected, scalar.sumOfSquaresOfRows(source, rows, count, length), "scalar, length " + length);
            assertEquals(expected, simd.sumOfSquaresOfRows(source, rows, count, length), "SIMD, length " + length);
        }
    }

    @Test
    void paddedLengthsAreWholeVectors() {
        for (int length : LENGTHS) {
            int padded = simd.paddedLength(length);
            assertEquals(0, padded % simd.paddedLength(1), "length " + length);
            assertEquals(true, padded >= length && padded - length < simd.paddedLength(1), "length " + length);
            assertEquals(length, scalar.paddedLength(length));
        }
    }

    @Test
    void trainingStepsGiveTheSameParametersOnBothKernels() {
        StateDict initial = new UniformInitializer(0.5, 3).initialize(new ModelDims(500, 64, 41));
        StateDict byScalar = train(new ReferenceBackend(scalar), initial);
        StateDict bySimd = train(new ReferenceBackend(simd), initial);
        for (String name : byScalar.tensors().keySet()) {
            assertArrayEquals(byScalar.get(name).values(), bySimd.get(name).values(), name);
        }
    }

    /** Twenty steps of forward, cross-entropy, backward, clipping and SGD on batches with empty and repeated bags. */
    private StateDict train(ReferenceBackend backend, StateDict initial) {
        Random batches = new Random(5);
        try (TrainableModel model = backend.trainable(initial)) {
            Optimizer sgd = backend.optimizer(new OptimizerSpec.Sgd(), model);
            for (int step = 0; step < 20; step++) {
                int rows = 1 + batches.nextInt(64);
                int[][] documents = new int[rows][];
                int[] labels = new int[rows];
                for (int r = 0; r < rows; r++) {
                    int length = batches.nextInt(10) == 0 ? 0 : 1 + batches.nextInt(80);
                    documents[r] = batches.ints(length, 0, 500).toArray();
                    labels[r] = batches.nextInt(41);
                }
                float[] logits = model.forward(TokenBatch.of(documents));
                model.backward(new CrossEntropyLoss().compute(logits, labels, 41).logitGradient());
                GradientClipping.clip(model, 0.1);
                sgd.step(5.0);
            }
            return model.stateDict();
        }
    }

    private interface Kernel {
        void apply(RowKernels kernels, float[] target);
    }

    private void assertSame(float[] target, Kernel kernel, String what) {
        float[] byScalar = target.clone();
        float[] bySimd = target.clone();
        kernel.apply(scalar, byScalar);
        kernel.apply(simd, bySimd);
        for (int i = 0; i < target.length; i++) {
            assertEquals(Float.floatToRawIntBits(byScalar[i]), Float.floatToRawIntBits(bySimd[i]),
                    what + ": element " + i + " is " + bySimd[i] + ", plain Java gives " + byScalar[i]);
        }
    }

    private float[] values(int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
