package io.textclf.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.backend.BackendSettings;
import io.textclf.domain.model.ComputeBackend;
import io.textclf.domain.model.Model;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.reference.ReferenceBackend;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.GradientClipping;
import io.textclf.domain.train.LossOutput;
import io.textclf.domain.train.Optimizer;
import io.textclf.domain.train.OptimizerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The nd4j model against the reference backend on small hand-made batches, and its contract. */
class Nd4jModelTest {

    private static final ModelDims DIMS = new ModelDims(50, 8, 3);
    /** A repeated token, an empty document, a single token; rows 40..49 unused. */
    private static final TokenBatch BATCH = TokenBatch.of(new int[] {1, 2, 2, 4, 3}, new int[0], new int[] {5},
            new int[] {39, 0, 1});
    private static final int[] LABELS = {0, 2, 1, 2};

    private final ComputeBackend nd4j = new Nd4jBackend(BackendSettings.cpu());
    private final ComputeBackend reference = new ReferenceBackend();
    private final CrossEntropyLoss loss = new CrossEntropyLoss();
    private final StateDict initial = withBias(new UniformInitializer(0.5, 7).initialize(DIMS));

    @Test
    void logitsEqualTheReferences() {
        try (Model expected = reference.inference(initial); Model actual = nd4j.inference(initial)) {
            assertClose(expected.logits(BATCH), actual.logits(BATCH), 1e-6);
        }
    }

    @Test
    void forwardAndLogitsAgree() {
        try (TrainableModel model = nd4j.trainable(initial)) {
            assertArrayEquals(model.logits(BATCH), model.forward(BATCH));
        }
    }

    @Test
    void anEmptyDocumentGivesExactlyTheBias() {
        try (TrainableModel model = nd4j.trainable(initial)) {
            float[] logits = model.forward(BATCH);
            float[] bias = initial.get(StateDict.FC_BIAS).values();
            assertArrayEquals(bias, new float[] {logits[3], logits[4], logits[5]});
        }
    }

    @Test
    void stepsMatchTheReferenceWithAndWithoutClipping() {
        for (double maxNorm : new double[] {0.1, 100}) {
            try (TrainableModel expected = reference.trainable(initial); TrainableModel actual = nd4j.trainable(initial)) {
                Optimizer expectedSgd = reference.optimizer(new OptimizerSpec.Sgd(), expected);
                Optimizer actualSgd = nd4j.optimizer(new OptimizerSpec.Sgd(), actual);
                for (int step = 0; step < 5; step++) {
                    TokenBatch batch = step % 2 == 0 ? BATCH : TokenBatch.of(new int[] {6, 6, 7}, new int[] {1});
                    int[] labels = step % 2 == 0 ? LABELS : new int[] {2, 0};
                    double expectedNorm = step(expected, expectedSgd, batch, labels, maxNorm);
                    double actualNorm = step(actual, actualSgd, batch, labels, maxNorm);
                    assertEquals(expectedNorm, actualNorm, 1e-6 * expectedNorm, "norm of step " + step);
                }
                assertTrue(expected.stateDict().maxAbsDifference(actual.stateDict()) < 1e-6,
                        "max-norm " + maxNorm + ": " + expected.stateDict().maxAbsDifference(actual.stateDict()));
            }
        }
    }

    @Test
    void scaledGradientsGiveAScaledNorm() {
        try (TrainableModel model = nd4j.trainable(initial)) {
            model.backward(loss.compute(model.forward(BATCH), LABELS, 3).logitGradient());
            double norm = model.gradientNorm();
            model.scaleGradients(0.25);
            assertEquals(norm * 0.25, model.gradientNorm(), 1e-12);
        }
    }

    @Test
    void sgdTouchesOnlyTheRowsOfTheBatch() {
        try (TrainableModel model = nd4j.trainable(initial)) {
            step(model, nd4j.optimizer(new OptimizerSpec.Sgd(), model), BATCH, LABELS, 0.1);
            float[] before = initial.get(StateDict.EMBEDDING_WEIGHT).values();
            float[] after = model.stateDict().get(StateDict.EMBEDDING_WEIGHT).values();
            int dim = DIMS.embeddingDim();
            for (int row = 0; row < DIMS.vocabSize(); row++) {
                boolean inBatch = List.of(0, 1, 2, 3, 4, 5, 39).contains(row);
                float[] b = java.util.Arrays.copyOfRange(before, row * dim, row * dim + dim);
                float[] a = java.util.Arrays.copyOfRange(after, row * dim, row * dim + dim);
                if (inBatch) {
                    assertNotEquals(java.util.Arrays.toString(b), java.util.Arrays.toString(a), "row " + row);
                } else {
                    assertArrayEquals(b, a, "row " + row + " is not in the batch");
                }
            }
        }
    }

    @Test
    void stateDictAndLoadRoundTrip() {
        StateDict other = withBias(new UniformInitializer(0.5, 99).initialize(DIMS));
        try (TrainableModel model = nd4j.trainable(initial)) {
            assertEquals(initial, model.stateDict());
            model.load(other);
            assertEquals(other, model.stateDict());
            StateDict wrong = new UniformInitializer(0.5, 1).initialize(new ModelDims(51, 8, 3));
            assertThrows(IllegalArgumentException.class, () -> model.load(wrong));
        }
    }

    @Test
    void logitsOfMoreDocumentsThanOneChunkMatchTheReference() {
        Random random = new Random(3);
        int[][] documents = new int[Nd4jModel.LOGITS_CHUNK * 2 + 17][];
        for (int i = 0; i < documents.length; i++) {
            documents[i] = random.ints(random.nextInt(12), 0, DIMS.vocabSize()).toArray();
        }
        TokenBatch batch = TokenBatch.of(documents);
        try (Model expected = reference.inference(initial); Model actual = nd4j.inference(initial)) {
            assertClose(expected.logits(batch), actual.logits(batch), 1e-6);
        }
    }

    @Test
    void logitsIsThreadSafe() throws Exception {
        Random random = new Random(5);
        List<TokenBatch> batches = new ArrayList<>();
        for (int b = 0; b < 16; b++) {
            int[][] documents = new int[1 + random.nextInt(40)][];
            for (int i = 0; i < documents.length; i++) {
                documents[i] = random.ints(random.nextInt(30), 0, DIMS.vocabSize()).toArray();
            }
            batches.add(TokenBatch.of(documents));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Model expected = reference.inference(initial); Model model = nd4j.inference(initial)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 8; task++) {
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 20; round++) {
                        for (TokenBatch batch : batches) {
                            float[] want = expected.logits(batch);
                            float[] got = model.logits(batch);
                            for (int i = 0; i < want.length; i++) {
                                if (Math.abs(want[i] - got[i]) > 1e-6) {
                                    return false;
                                }
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get(), "concurrent logits differ from the reference's");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEmptyBatchHasNoLogits() {
        try (TrainableModel model = nd4j.trainable(initial)) {
            assertEquals(0, model.logits(TokenBatch.of()).length);
            assertEquals(0, model.forward(TokenBatch.of()).length);
            model.backward(new float[0]);
            assertEquals(0, model.gradientNorm());
        }
    }

    @Test
    void misuseFailsClearly() {
        TrainableModel model = nd4j.trainable(initial);
        assertThrows(IllegalStateException.class, () -> model.backward(new float[12]));
        assertThrows(IllegalStateException.class, model::gradientNorm);
        assertThrows(IllegalArgumentException.class, () -> model.logits(TokenBatch.of(new int[] {50})));
        model.forward(BATCH);
        assertThrows(IllegalArgumentException.class, () -> model.backward(new float[5]));
        assertThrows(IllegalArgumentException.class,
                () -> nd4j.optimizer(new OptimizerSpec.Sgd(), reference.trainable(initial)));
        UnsupportedOperationException adam = assertThrows(UnsupportedOperationException.class,
                () -> nd4j.optimizer(OptimizerSpec.Adam.defaults(), model));
        assertTrue(adam.getMessage().contains("SGD only"), adam.getMessage());
        model.close();
        model.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> model.logits(BATCH));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    }

    private double step(TrainableModel model, Optimizer sgd, TokenBatch batch, int[] labels, double maxNorm) {
        LossOutput output = loss.compute(model.forward(batch), labels, DIMS.numClasses());
        model.backward(output.logitGradient());
        double norm = GradientClipping.clip(model, maxNorm);
        sgd.step(5);
        return norm;
    }

    /** The initializer's parameters with a non-zero bias, so that the bias path is tested too. */
    private static StateDict withBias(StateDict parameters) {
        return StateDict.of(parameters.get(StateDict.EMBEDDING_WEIGHT), parameters.get(StateDict.FC_WEIGHT),
                new io.textclf.domain.model.Tensor(new int[] {3}, new float[] {0.1f, -0.2f, 0.05f}));
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, "[" + i + "]");
        }
    }
}
