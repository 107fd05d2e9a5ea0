package io.textclf.application.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One off-diagonal cell of a confusion matrix: documents of {@code actual} predicted as {@code predicted}.
 *
 * @param actual        the documents' class
 * @param predicted     the class the model chose instead
 * @param count         how many documents
 * @param shareOfActual {@code count} over the documents of {@code actual}
 */
record Confusion(String actual, String predicted, long count, double shareOfActual) {

    /** The {@code limit} largest errors, most documents first (ties: larger share, then matrix order). */
    static List<Confusion> top(List<String> labels, long[][] confusion, int limit) {
        List<Confusion> errors = new ArrayList<>();
        for (int a = 0; a < labels.size(); a++) {
            long row = 0;
            for (long count : confusion[a]) {
                row += count;
            }
            for (int p = 0; p < labels.size(); p++) {
                if (a != p && confusion[a][p] > 0) {
                    errors.add(new Confusion(labels.get(a), labels.get(p), confusion[a][p],
                            (double) confusion[a][p] / row));
                }
            }
        }
        return errors.stream().sorted(Comparator.comparingLong(Confusion::count).reversed()
                .thenComparing(Comparator.comparingDouble(Confusion::shareOfActual).reversed()))
                .limit(limit).toList();
    }
}
