package io.textclf.domain.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.textclf.domain.model.ModelDims;
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
        try (TrainableModel model = new ReferenceBackend().trainable(
                new UniformInitializer(0.5, 8).initialize(new ModelDims(500, 64, classes)))) {
            float[] batched = model.logits(TokenBatch.of(documents));
            float[] training = model.forward(TokenBatch.of(documents));
            assertArrayEquals(batched, training, "inference and training, batch of 70");
            for (int d = 0; d < documents.length; d++) {
                float[] alone = model.logits(TokenBatch.of(documents[d]));
                assertArrayEquals(Arrays.copyOfRange(batched, d * classes, (d + 1) * classes), alone,
                        "document " + d + " alone (dot products) and in the batch (vectorized)");
            }
        }
    }
}
