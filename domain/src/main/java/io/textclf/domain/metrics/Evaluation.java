package io.textclf.domain.metrics;

import java.util.Arrays;

/**
 * How a model did on a labelled set.
 *
 * @param examples     number of documents
 * @param accuracy     share classified right, NaN when there were none
 * @param meanLoss     mean cross-entropy, NaN when there were none
 * @param confusion    {@code confusion[actual][predicted]} counts
 * @param topKCorrect  {@code topKCorrect[k - 1]}: documents whose class is among the model's {@code k}
 *                     highest scores (ties broken towards the lower class index, as {@code argmax});
 *                     one entry per class, or empty when not counted
 */
public record Evaluation(long examples, double accuracy, double meanLoss, long[][] confusion, long[] topKCorrect) {

    /** Copies the arrays: an evaluation does not change after it is made. */
    public Evaluation {
        confusion = copy(confusion);
        topKCorrect = topKCorrect.clone();
    }

    /** An evaluation without top-k counts. */
    public Evaluation(long examples, double accuracy, double meanLoss, long[][] confusion) {
        this(examples, accuracy, meanLoss, confusion, new long[0]);
    }

    /** A copy of the confusion matrix. */
    @Override
    public long[][] confusion() {
        return copy(confusion);
    }

    /** A copy of the top-k counts. */
    @Override
    public long[] topKCorrect() {
        return topKCorrect.clone();
    }

    /** Documents whose top class was right. */
    public long correct() {
        long sum = 0;
        for (int c = 0; c < confusion.length; c++) {
            sum += confusion[c][c];
        }
        return sum;
    }

    /**
     * Unweighted mean over classes of F1 = 2PR / (P + R), a ratio with a zero denominator counting as 0
     * (scikit-learn's {@code f1_score(average="macro", zero_division=0)}); NaN without classes.
     */
    public double macroF1() {
        int classes = confusion.length;
        if (classes == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            long support = 0;
            long predicted = 0;
            for (int other = 0; other < classes; other++) {
                support += confusion[c][other];
                predicted += confusion[other][c];
            }
            sum += ClassMetrics.of(Integer.toString(c), support, predicted, confusion[c][c]).f1();
        }
        return sum / classes;
    }

    /** Equal when the counts and both ratios are equal (the arrays compared by content). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Evaluation e && examples == e.examples && Double.compare(accuracy, e.accuracy) == 0
                && Double.compare(meanLoss, e.meanLoss) == 0 && Arrays.deepEquals(confusion, e.confusion)
                && Arrays.equals(topKCorrect, e.topKCorrect);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(examples) + Arrays.deepHashCode(confusion)) + Arrays.hashCode(topKCorrect);
    }

    @Override
    public String toString() {
        return "Evaluation[" + examples + " examples, accuracy " + accuracy + ", loss " + meanLoss + "]";
    }

    static long[][] copy(long[][] matrix) {
        long[][] copy = new long[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }
}
