package io.textclf.domain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.metrics.Evaluation;
import io.textclf.domain.model.Model;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.reference.ReferenceBackend;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Batches are scored on several cores at once: the result is what scoring them one after another gives,
 * bit for bit (the losses summed in batch order).
 */
class EvaluatorBatchesTest {

    private static final int CLASSES = 7;

    @Test
    void severalBatchesGiveTheSequentialResultBitForBit() {
        Random random = new Random(9);
        int[][] documents = new int[5_000][];
        int[] labels = new int[documents.length];
        for (int d = 0; d < documents.length; d++) {
            documents[d] = random.ints(1 + random.nextInt(30), 0, 300).toArray();
            labels[d] = random.nextInt(CLASSES);
        }
        EncodedCorpus corpus = new EncodedCorpus(documents, labels);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        try (Model model = new ReferenceBackend().inference(
                new UniformInitializer(0.5, 3).initialize(new ModelDims(300, 16, CLASSES)))) {
            Evaluation evaluation = new Evaluator(loss).evaluate(model, corpus);

            double lossSum = 0;
            long correct = 0;
            long[][] confusion = new long[CLASSES][CLASSES];
            for (int from = 0; from < documents.length; from += 1024) {
                int to = Math.min(documents.length, from + 1024);
                int[][] batch = Arrays.copyOfRange(documents, from, to);
                int[] batchLabels = Arrays.copyOfRange(labels, from, to);
                float[] logits = model.logits(TokenBatch.of(batch));
                lossSum += loss.compute(logits, batchLabels, CLASSES).loss() * batchLabels.length;
                for (int r = 0; r < batchLabels.length; r++) {
                    int predicted = Argmax.row(logits, r, CLASSES);
                    confusion[batchLabels[r]][predicted]++;
                    correct += predicted == batchLabels[r] ? 1 : 0;
                }
            }
            assertEquals(Double.doubleToLongBits(lossSum / documents.length),
                    Double.doubleToLongBits(evaluation.meanLoss()), "mean loss, bit for bit");
            assertEquals((double) correct / documents.length, evaluation.accuracy());
            assertArrayEquals(confusion, evaluation.confusion());
            assertEquals(documents.length, evaluation.topKCorrect()[CLASSES - 1]);
        }
    }
}
