package io.textclf.domain.metrics;

import io.textclf.domain.metrics.Evaluation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything measured about a classifier on a labelled set: accuracy, top-k accuracy, per-class
 * precision / recall / F1 with support, their macro (unweighted) and weighted (by support) means,
 * the mean loss and the confusion matrix. Derived from an {@link Evaluation}; the counts are the
 * source of truth and every ratio is recomputed from them.
 *
 * @param labels      class names in index order
 * @param examples    documents scored
 * @param meanLoss    mean cross-entropy, NaN when unknown
 * @param confusion   {@code confusion[actual][predicted]}, {@code labels.size()} square
 * @param topKCorrect {@code topKCorrect[k - 1]}: documents whose class is among the {@code k} best
 *                    scores; one per class, or empty when not counted
 * @param perClass    one entry per class, in index order
 */
public record ClassificationMetrics(List<String> labels, long examples, double meanLoss, long[][] confusion,
                                    long[] topKCorrect, List<ClassMetrics> perClass) {

    /** Copies the arrays and checks that counts and labels agree. */
    public ClassificationMetrics {
        labels = List.copyOf(labels);
        perClass = List.copyOf(perClass);
        confusion = Evaluation.copy(confusion);
        topKCorrect = topKCorrect.clone();
        if (confusion.length != labels.size() || perClass.size() != labels.size()) {
            throw new IllegalArgumentException(labels.size() + " labels but a " + confusion.length
                    + "-row confusion matrix and " + perClass.size() + " per-class entries");
        }
        if (topKCorrect.length != 0 && topKCorrect.length != labels.size()) {
            throw new IllegalArgumentException(labels.size() + " labels but " + topKCorrect.length + " top-k counts");
        }
    }

    /** The metrics of {@code evaluation}, naming classes by {@code labels}. */
    public static ClassificationMetrics of(Evaluation evaluation, List<String> labels) {
        return of(labels, evaluation.meanLoss(), evaluation.confusion(), evaluation.topKCorrect());
    }

    /**
     * The metrics of a confusion matrix.
     *
     * @throws IllegalArgumentException when the matrix is not square with one row per label, or a count is negative
     */
    public static ClassificationMetrics of(List<String> labels, double meanLoss, long[][] confusion,
                                           long[] topKCorrect) {
        int classes = labels.size();
        if (confusion.length != classes) {
            throw new IllegalArgumentException(classes + " labels but a " + confusion.length + "-row confusion matrix");
        }
        long[] columnSums = new long[classes];
        long total = 0;
        List<ClassMetrics> perClass = new ArrayList<>(classes);
        for (int actual = 0; actual < confusion.length; actual++) {
            if (confusion[actual].length != classes) {
                throw new IllegalArgumentException("confusion row " + actual + " has " + confusion[actual].length
                        + " columns, expected " + classes);
            }
            for (int predicted = 0; predicted < classes; predicted++) {
                long count = confusion[actual][predicted];
                if (count < 0) {
                    throw new IllegalArgumentException("negative count " + count + " in the confusion matrix");
                }
                columnSums[predicted] += count;
                total += count;
            }
        }
        for (int c = 0; c < classes; c++) {
            perClass.add(ClassMetrics.of(labels.get(c), Arrays.stream(confusion[c]).sum(), columnSums[c],
                    confusion[c][c]));
        }
        return new ClassificationMetrics(labels, total, meanLoss, confusion, topKCorrect, perClass);
    }

    /** Documents classified right. */
    public long correct() {
        return perClass.stream().mapToLong(ClassMetrics::truePositives).sum();
    }

    /** Share classified right, NaN without documents. */
    public double accuracy() {
        return examples == 0 ? Double.NaN : (double) correct() / examples;
    }

    /**
     * Share whose class is among the {@code k} best scores; NaN without documents or top-k counts.
     *
     * @param k at least 1; above the number of classes it counts as the number of classes
     */
    public double topKAccuracy(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        if (examples == 0 || topKCorrect.length == 0) {
            return Double.NaN;
        }
        return (double) topKCorrect[Math.min(k, topKCorrect.length) - 1] / examples;
    }

    /** Unweighted mean of the classes' precision. */
    public double macroPrecision() {
        return perClass.stream().mapToDouble(ClassMetrics::precision).average().orElse(Double.NaN);
    }

    /** Unweighted mean of the classes' recall. */
    public double macroRecall() {
        return perClass.stream().mapToDouble(ClassMetrics::recall).average().orElse(Double.NaN);
    }

    /** Unweighted mean of the per-class F1 scores, as scikit-learn's {@code f1_score(average="macro")}. */
    public double macroF1() {
        return perClass.stream().mapToDouble(ClassMetrics::f1).average().orElse(Double.NaN);
    }

    /** Mean of the classes' precision weighted by their support. */
    public double weightedPrecision() {
        return weighted(ClassMetrics::precision);
    }

    /** Mean of the classes' recall weighted by their support. */
    public double weightedRecall() {
        return weighted(ClassMetrics::recall);
    }

    /** Mean of the per-class F1 scores weighted by support, as scikit-learn's {@code average="weighted"}. */
    public double weightedF1() {
        return weighted(ClassMetrics::f1);
    }

    private double weighted(java.util.function.ToDoubleFunction<ClassMetrics> value) {
        if (examples == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (ClassMetrics c : perClass) {
            sum += value.applyAsDouble(c) * c.support();
        }
        return sum / examples;
    }

    /** A copy of the confusion matrix. */
    @Override
    public long[][] confusion() {
        return Evaluation.copy(confusion);
    }

    /** A copy of the top-k counts. */
    @Override
    public long[] topKCorrect() {
        return topKCorrect.clone();
    }

    /** Equal when every count, label and the loss are equal (the arrays compared by content). */
    @Override
    public boolean equals(Object other) {
        return other instanceof ClassificationMetrics m && labels.equals(m.labels) && examples == m.examples
                && Double.compare(meanLoss, m.meanLoss) == 0 && Arrays.deepEquals(confusion, m.confusion)
                && Arrays.equals(topKCorrect, m.topKCorrect) && perClass.equals(m.perClass);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * labels.hashCode() + Arrays.deepHashCode(confusion)) + Arrays.hashCode(topKCorrect);
    }

    @Override
    public String toString() {
        return "ClassificationMetrics[" + labels.size() + " classes, " + examples + " examples, accuracy "
                + accuracy() + ", macro-F1 " + macroF1() + "]";
    }
}
