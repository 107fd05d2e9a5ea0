package io.textclf.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.backend.BackendSettings;
import io.textclf.domain.backend.ComputeBackend;
import io.textclf.domain.model.Model;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.reference.ReferenceBackend;
import io.textclf.domain.train.Optimizer;
import io.textclf.domain.train.OptimizerSpec;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What is particular to the nd4j model (the backend contract, {@link Nd4jContractTest}, covers the rest):
 * logits computed in chunks, an empty batch through forward and backward, its misuse messages.
 */
class Nd4jModelTest {

    private static final ModelDims DIMS = new ModelDims(50, 8, 3);
    /** A repeated token, an empty document, a single token; rows 40..49 unused. */
    private static final TokenBatch BATCH = TokenBatch.of(new int[] {1, 2, 2, 4, 3}, new int[0], new int[] {5},
            new int[] {39, 0, 1});

    private final ComputeBackend nd4j = new Nd4jBackend(BackendSettings.cpu());
    private final ComputeBackend reference = new ReferenceBackend();
    private final StateDict initial = withBias(new UniformInitializer(0.5, 7).initialize(DIMS));

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
