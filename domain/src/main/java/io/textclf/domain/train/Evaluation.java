package io.textclf.domain.train;

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

    /** An evaluation without top-k counts. */
    public Evaluation(long examples, double accuracy, double meanLoss, long[][] confusion) {
        this(examples, accuracy, meanLoss, confusion, new long[0]);
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
            long truePositives = confusion[c][c];
            double precision = predicted == 0 ? 0 : (double) truePositives / predicted;
            double recall = support == 0 ? 0 : (double) truePositives / support;
            sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return sum / classes;
    }
}
