package io.textclf.domain.metrics;

/**
 * Precision, recall and F1 of one class, counted from a confusion matrix.
 *
 * <p>A ratio whose denominator is zero is 0 (scikit-learn's {@code zero_division=0}): precision of a
 * class never predicted, recall of a class with no documents, F1 when precision and recall are both 0.
 *
 * @param label          the class name
 * @param support        documents of this class (row sum)
 * @param predicted      documents predicted as this class (column sum)
 * @param truePositives  documents of this class predicted as it (diagonal)
 * @param precision      {@code truePositives / predicted}
 * @param recall         {@code truePositives / support}
 * @param f1             {@code 2 * precision * recall / (precision + recall)}
 */
public record ClassMetrics(String label, long support, long predicted, long truePositives, double precision,
                           double recall, double f1) {

    /** The metrics of a class from its counts. */
    public static ClassMetrics of(String label, long support, long predicted, long truePositives) {
        if (truePositives < 0 || truePositives > support || truePositives > predicted) {
            throw new IllegalArgumentException(label + ": " + truePositives + " true positives do not fit "
                    + support + " documents and " + predicted + " predictions");
        }
        double precision = predicted == 0 ? 0 : (double) truePositives / predicted;
        double recall = support == 0 ? 0 : (double) truePositives / support;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassMetrics(label, support, predicted, truePositives, precision, recall, f1);
    }
}
