package io.textclf.cli;

import io.textclf.domain.metrics.ClassMetrics;
import io.textclf.domain.metrics.ClassificationMetrics;
import java.util.Locale;

/**
 * The metrics as an aligned text table, one row per class by name, then the macro and weighted
 * means, accuracy and top-k accuracy (like scikit-learn's {@code classification_report}).
 */
final class MetricsTable {

    private MetricsTable() {
    }

    /** Top-k rows up to this k, or one below the number of classes (top-C is always 1). */
    static final int MAX_K = 5;

    static String render(ClassificationMetrics m) {
        int width = "weighted avg".length();
        for (String label : m.labels()) {
            width = Math.max(width, label.length());
        }
        String row = "%-" + width + "s %9s %9s %9s %9s%n";
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, row, "class", "precision", "recall", "f1", "support"));
        for (ClassMetrics c : m.perClass()) {
            table.append(String.format(Locale.ROOT, row, c.label(), score(c.precision()), score(c.recall()), score(c.f1()),
                    c.support()));
        }
        table.append(System.lineSeparator());
        table.append(String.format(Locale.ROOT, row, "macro avg", score(m.macroPrecision()), score(m.macroRecall()),
                score(m.macroF1()), m.examples()));
        table.append(String.format(Locale.ROOT, row, "weighted avg", score(m.weightedPrecision()),
                score(m.weightedRecall()), score(m.weightedF1()), m.examples()));
        table.append(String.format(Locale.ROOT, row, "accuracy", "", "", score(m.accuracy()), m.examples()));
        for (int k = 2; k <= Math.min(MAX_K, m.labels().size() - 1); k++) {
            table.append(String.format(Locale.ROOT, row, "top-" + k + " acc", "", "", score(m.topKAccuracy(k)),
                    m.examples()));
        }
        return table.toString();
    }

    private static String score(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "-";
    }
}
