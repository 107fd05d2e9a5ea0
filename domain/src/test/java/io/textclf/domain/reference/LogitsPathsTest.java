package io.textclf.domain.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.model.UniformInitializer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Inference takes small batches through plain dot products and larger ones through the vectorized
 * linear layer that training uses: every document gets the same logits, bit for bit, whichever path
 * and batch it goes through.
 */
class LogitsPathsTest {

    @Test
    void oneDocumentAtATimeOrInABatchOrInTrainingTheSameBits() {
        int classes = 41;
        Random random = new Random(4);
        int[][] documents = new int[70][];
        for (int d = 0; d < documents.length; d++) {
            documents[d] = random.ints(random.nextInt(50), 0, 500).toArray();
        }
        StateDict initial = new UniformInitializer(0.5, 8).initialize(new ModelDims(500, 64, classes));
        float[] bias = new float[classes];
        for (int c = 0; c < classes; c++) {
            bias[c] = random.nextFloat() - 0.5f;
        }
        StateDict biased = StateDict.of(initial.get(StateDict.EMBEDDING_WEIGHT), initial.get(StateDict.FC_WEIGHT),
                new Tensor(new int[] {classes}, bias));
        try (TrainableModel model = new ReferenceBackend().trainable(biased)) {
            float[] batched = model.logits(TokenBatch.of(documents));
            float[] training = model.forward(TokenBatch.of(documents));
            assertArrayEquals(batched, training, "inference and training, batch of 70");
            for (int size = 1; size <= 4; size++) {
                for (int first = 0; first + size <= documents.length; first += size) {
                    float[] small = model.logits(TokenBatch.of(Arrays.copyOfRange(documents, first, first + size)));
                    assertArrayEquals(Arrays.copyOfRange(batched, first * classes, (first + size) * classes), small,
                            "documents " + first + ".." + (first + size - 1) + " alone (dot products) and in the batch"
                                    + " (vectorized)");
                }
            }
            float[] empty = model.logits(TokenBatch.of(new int[0]));
            assertArrayEquals(bias, empty, "an empty document's logits are the bias");
        }
    }
}
