package io.textclf.domain.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    private static final List<String> LABELS = List.of("A", "B", "C");
    // actual A: 5 right, 1 taken for B; actual B: 2 taken for A, 3 right, 1 taken for C; no C at all
    private static final long[][] CONFUSION = {{5, 1, 0}, {2, 3, 1}, {0, 0, 0}};

    @Test
    void perClassMetricsAreCountedFromTheConfusionMatrix() {
        ClassificationMetrics m = ClassificationMetrics.of(LABELS, 0.7, CONFUSION, new long[] {8, 11, 12});
        ClassMetrics a = m.perClass().get(0);
        assertEquals(List.of(6L, 7L, 5L), List.of(a.support(), a.predicted(), a.truePositives()));
        assertEquals(5.0 / 7, a.precision(), 1e-15);
        assertEquals(5.0 / 6, a.recall(), 1e-15);
        assertEquals(10.0 / 13, a.f1(), 1e-15);
        ClassMetrics b = m.perClass().get(1);
        assertEquals(6, b.support());
        assertEquals(0.75, b.precision(), 1e-15);
        assertEquals(0.5, b.recall(), 1e-15);
        assertEquals(0.6, b.f1(), 1e-15);
        assertEquals(new ClassMetrics("C", 0, 1, 0, 0, 0, 0), m.perClass().get(2), "zero divisions count as 0");
        assertEquals(12, m.examples());
        assertEquals(8.0 / 12, m.accuracy(), 1e-15);
        assertEquals((10.0 / 13 + 0.6) / 3, m.macroF1(), 1e-15);
        assertEquals((6 * 10.0 / 13 + 6 * 0.6) / 12, m.weightedF1(), 1e-15);
        assertEquals((5.0 / 7 + 0.75) / 3, m.macroPrecision(), 1e-15);
        assertEquals((5.0 / 6 + 0.5) / 3, m.macroRecall(), 1e-15);
        assertEquals(11.0 / 12, m.topKAccuracy(2), 1e-15);
        assertEquals(1.0, m.topKAccuracy(7), 1e-15, "k above the class count means every class");
    }

    @Test
    void theEvaluationsMacroF1AgreesWithTheRecord() {
        Evaluation evaluation = new Evaluation(12, 8.0 / 12, 0.7, CONFUSION, new long[] {8, 11, 12});
        assertEquals(ClassificationMetrics.of(evaluation, LABELS).macroF1(), evaluation.macroF1(), 1e-15);
    }

    @Test
    void aMatrixThatDoesNotFitTheLabelsIsRefused() {
        assertEquals("2 labels but a 3-row confusion matrix", assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.of(List.of("A", "B"), 0, CONFUSION, new long[0])).getMessage());
    }

    @Test
    void evaluationsAndMetricsKeepTheirCountsWhateverTheCallerDoesWithItsArrays() {
        long[][] confusion = {{3, 1}, {0, 4}};
        long[] topK = {7, 8};
        Evaluation evaluation = new Evaluation(8, 0.875, 0.3, confusion, topK);
        ClassificationMetrics metrics = ClassificationMetrics.of(List.of("a", "b"), 0.3, confusion, topK);
        confusion[0][0] = 100;
        topK[0] = 0;
        evaluation.confusion()[1][1] = 100;
        metrics.confusion()[1][1] = 100;
        metrics.topKCorrect()[0] = 0;
        assertEquals(7, evaluation.correct());
        assertEquals(new Evaluation(8, 0.875, 0.3, new long[][] {{3, 1}, {0, 4}}, new long[] {7, 8}), evaluation);
        assertNotEquals(new Evaluation(8, 0.875, 0.3, new long[][] {{3, 1}, {1, 3}}, new long[] {7, 8}), evaluation);
        assertEquals(ClassificationMetrics.of(List.of("a", "b"), 0.3, new long[][] {{3, 1}, {0, 4}}, new long[] {7, 8}),
                metrics);
        assertEquals(0.875, metrics.topKAccuracy(1));
    }

    @Test
    void anEvaluationsMacroF1IsTheMetricsMacroF1() {
        long[][] confusion = {{5, 2, 0}, {1, 6, 3}, {0, 0, 0}};
        Evaluation evaluation = new Evaluation(17, 11 / 17.0, 0.5, confusion);
        assertEquals(ClassificationMetrics.of(evaluation, List.of("x", "y", "z")).macroF1(), evaluation.macroF1(), 0);
        assertEquals((2 * (5 / 6.0) * (5 / 7.0) / (5 / 6.0 + 5 / 7.0) + 2 * 0.75 * 0.6 / 1.35) / 3,
                evaluation.macroF1(), 1e-15);
    }
}
