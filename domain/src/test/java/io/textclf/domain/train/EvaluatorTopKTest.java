package io.textclf.domain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.metrics.ClassificationMetrics;
import io.textclf.domain.metrics.Evaluation;
import io.textclf.domain.model.Model;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.reference.ReferenceBackend;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTopKTest {

    @Test
    void countsTheRankOfTheTrueClassWithArgmaxTieBreaking() {
        // fc is the identity, so a one-token document's logits are its embedding row
        StateDict parameters = StateDict.of(
                new Tensor(new int[] {3, 3}, new float[] {3, 2, 1, 1, 1, 0, 0, 0, 5}),
                new Tensor(new int[] {3, 3}, new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}),
                new Tensor(new int[] {3}, new float[3]));
        EncodedCorpus corpus = new EncodedCorpus(new int[][] {{0}, {1}, {2}}, new int[] {2, 1, 2});
        try (Model model = new ReferenceBackend().inference(parameters)) {
            Evaluation e = new Evaluator(new CrossEntropyLoss()).evaluate(model, corpus);
            // doc 0: class 2 scores lowest (rank 2); doc 1: class 1 ties class 0, which wins (rank 1); doc 2: rank 0
            assertArrayEquals(new long[] {1, 2, 3}, e.topKCorrect());
            assertEquals(1.0 / 3, e.accuracy(), 1e-15);
            ClassificationMetrics metrics = ClassificationMetrics.of(e, List.of("a", "b", "c"));
            assertEquals(e.accuracy(), metrics.topKAccuracy(1), 1e-15);
            assertEquals(2.0 / 3, metrics.topKAccuracy(2), 1e-15);
            assertArrayEquals(new long[][] {{0, 0, 0}, {1, 0, 0}, {1, 0, 1}}, e.confusion());
        }
    }

    /** A broken model's NaN logits rank as torch.argmax has them, so top-1 accuracy stays the accuracy. */
    @Test
    void nanLogitsRankAsArgmaxTakesThem() {
        StateDict parameters = StateDict.of(
                new Tensor(new int[] {2, 3}, new float[] {Float.NaN, 0, 0, 1, 2, 3}),
                new Tensor(new int[] {3, 3}, new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}),
                new Tensor(new int[] {3}, new float[3]));
        EncodedCorpus corpus = new EncodedCorpus(new int[][] {{0}, {0}, {1}}, new int[] {0, 2, 2});
        try (Model model = new ReferenceBackend().inference(parameters)) {
            Evaluation e = new Evaluator(new CrossEntropyLoss()).evaluate(model, corpus);
            assertArrayEquals(new long[][] {{1, 0, 0}, {0, 0, 0}, {1, 0, 1}}, e.confusion());
            assertArrayEquals(new long[] {2, 2, 3}, e.topKCorrect());
            assertEquals(2.0 / 3, e.accuracy(), 1e-15);
        }
    }
}
