package io.textclf.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.backend.BackendSettings;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The DJL model against the reference on small hand-made batches: empty documents, repeats, clipping. */
class DjlModelTest {

    static final DjlBackend CPU = new DjlBackend(BackendSettings.cpu());
    private static final ReferenceBackend REFERENCE = new ReferenceBackend();
    private static final ModelDims DIMS = new ModelDims(50, 8, 3);
    private static final StateDict INITIAL = new UniformInitializer(0.5, 7).initialize(DIMS);
    private static final TokenBatch BATCH = TokenBatch.of(
            new int[] {1, 2, 2, 49}, new int[0], new int[] {0}, new int[] {5, 5, 5, 5, 5, 1, 2});
    private static final int[] LABELS = {0, 2, 1, 1};

    @Test
    void logitsMatchTheReferenceIncludingAnEmptyDocument() {
        try (TrainableModel djl = CPU.trainable(INITIAL); TrainableModel reference = REFERENCE.trainable(INITIAL)) {
            float[] expected = reference.logits(BATCH);
            float[] actual = djl.logits(BATCH);
            assertArrayEquals(expected, actual, 1e-6f);
            assertArrayEquals(expected, djl.forward(BATCH), 1e-6f);
            assertEquals(0f, actual[3], 0f, "the empty document's logits are the bias, zero at start");
        }
    }

    @Test
    void trainingStepsMatchTheReferenceWithAndWithoutClipping() {
        try (TrainableModel djl = CPU.trainable(INITIAL); TrainableModel reference = REFERENCE.trainable(INITIAL)) {
            Optimizer djlSgd = CPU.optimizer(new OptimizerSpec.Sgd(), djl);
            Optimizer referenceSgd = REFERENCE.optimizer(new OptimizerSpec.Sgd(), reference);
            CrossEntropyLoss loss = new CrossEntropyLoss();
            for (double clip : new double[] {0.1, 1e9, 0.01}) {
                LossOutput expected = loss.compute(reference.forward(BATCH), LABELS, DIMS.numClasses());
                LossOutput actual = loss.compute(djl.forward(BATCH), LABELS, DIMS.numClasses());
                assertEquals(expected.loss(), actual.loss(), 1e-6);
                reference.backward(expected.logitGradient());
                djl.backward(actual.logitGradient());
                assertEquals(reference.gradientNorm(), djl.gradientNorm(), 1e-6);
                assertEquals(GradientClipping.clip(reference, clip), GradientClipping.clip(djl, clip), 1e-6);
                assertEquals(reference.gradientNorm(), djl.gradientNorm(), 1e-6);
                referenceSgd.step(5);
                djlSgd.step(5);
                assertEquals(0, reference.stateDict().maxAbsDifference(djl.stateDict()), 1e-6);
            }
        }
    }

    @Test
    void onlyTheEmbeddingRowsOfTheBatchChange() {
        try (TrainableModel djl = CPU.trainable(INITIAL)) {
            LossOutput output = new CrossEntropyLoss().compute(djl.forward(BATCH), LABELS, DIMS.numClasses());
            djl.backward(output.logitGradient());
            CPU.optimizer(new OptimizerSpec.Sgd(), djl).step(5);
            float[] before = INITIAL.get(StateDict.EMBEDDING_WEIGHT).values();
            float[] after = djl.stateDict().get(StateDict.EMBEDDING_WEIGHT).values();
            List<Integer> changed = new ArrayList<>();
            for (int row = 0; row < DIMS.vocabSize(); row++) {
                for (int k = 0; k < DIMS.embeddingDim(); k++) {
                    if (before[row * DIMS.embeddingDim() + k] != after[row * DIMS.embeddingDim() + k]) {
                        changed.add(row);
                        break;
                    }
                }
            }
            assertEquals(List.of(0, 1, 2, 5, 49), changed);
        }
    }

    @Test
    void batchWithoutTokensGivesTheBiasAndTrainsOnlyTheLinearLayer() {
        TokenBatch empty = TokenBatch.of(new int[0], new int[0]);
        try (TrainableModel djl = CPU.trainable(INITIAL); TrainableModel reference = REFERENCE.trainable(INITIAL)) {
            assertArrayEquals(new float[6], djl.forward(empty), 0f);
            djl.backward(new float[] {0.1f, -0.2f, 0.1f, 0.3f, 0f, -0.3f});
            reference.forward(empty);
            reference.backward(new float[] {0.1f, -0.2f, 0.1f, 0.3f, 0f, -0.3f});
            assertEquals(reference.gradientNorm(), djl.gradientNorm(), 1e-7);
            CPU.optimizer(new OptimizerSpec.Sgd(), djl).step(1);
            REFERENCE.optimizer(new OptimizerSpec.Sgd(), reference).step(1);
            assertEquals(0, reference.stateDict().maxAbsDifference(djl.stateDict()), 1e-7);
            assertEquals(0, djl.logits(TokenBatch.of()).length);
        }
    }

    @Test
    void logitsAreThreadSafe() throws Exception {
        try (TrainableModel djl = CPU.trainable(INITIAL)) {
            float[] expected = djl.logits(BATCH);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<float[]>> results = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    results.add(pool.submit(() -> djl.logits(BATCH)));
                }
                for (Future<float[]> result : results) {
                    assertArrayEquals(expected, result.get());
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void loadReplacesTheParametersAndStateDictReadsThemBack() {
        StateDict other = new UniformInitializer(0.5, 99).initialize(DIMS);
        try (TrainableModel djl = CPU.trainable(INITIAL)) {
            assertEquals(INITIAL, djl.stateDict());
            djl.load(other);
            assertEquals(other, djl.stateDict());
            assertThrows(IllegalArgumentException.class,
                    () -> djl.load(new UniformInitializer(0.5, 1).initialize(new ModelDims(51, 8, 3))));
        }
    }

    @Test
    void misuseFailsClearly() {
        TrainableModel djl = CPU.trainable(INITIAL);
        assertThrows(IllegalStateException.class, () -> djl.backward(new float[12]));
        Optimizer sgd = CPU.optimizer(new OptimizerSpec.Sgd(), djl);
        assertThrows(IllegalStateException.class, () -> sgd.step(1));
        djl.forward(BATCH);
        assertThrows(IllegalArgumentException.class, () -> djl.backward(new float[5]));
        assertThrows(IllegalArgumentException.class, () -> djl.logits(TokenBatch.of(new int[] {50})));
        assertThrows(IllegalArgumentException.class,
                () -> CPU.optimizer(new OptimizerSpec.Sgd(), REFERENCE.trainable(INITIAL)));
        UnsupportedOperationException adam = assertThrows(UnsupportedOperationException.class,
                () -> CPU.optimizer(OptimizerSpec.Adam.defaults(), djl));
        assertTrue(adam.getMessage().contains("SGD only"), adam.getMessage());
        djl.close();
        djl.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> djl.logits(BATCH));
        assertTrue(closed.getMessage().contains("closed"));
    }
}
