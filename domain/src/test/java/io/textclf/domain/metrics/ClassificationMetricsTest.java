package io.textclf.domain.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.textclf.domain.train.Evaluation;
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
}
