package io.textclf.domain.train;

import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.model.Model;

/** Scores a model on an encoded corpus, in batches. */
public final class Evaluator {

    private static final int BATCH = 1024;

    private final Loss loss;

    /** @param loss the loss to report the mean of */
    public Evaluator(Loss loss) {
        this.loss = loss;
    }

    /** Accuracy, mean loss, confusion and top-k counts of {@code model} on {@code corpus}, in batches. */
    public Evaluation evaluate(Model model, EncodedCorpus corpus) {
        int classes = model.dims().numClasses();
        long[][] confusion = new long[classes][classes];
        long[] rankCounts = new long[classes];
        double lossSum = 0;
        long correct = 0;
        int[] rows = new int[corpus.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        for (int from = 0; from < rows.length; from += BATCH) {
            int to = Math.min(rows.length, from + BATCH);
            float[] logits = model.logits(corpus.batch(rows, from, to));
            int[] labels = corpus.labels(rows, from, to);
            lossSum += loss.compute(logits, labels, classes).loss() * labels.length;
            for (int r = 0; r < labels.length; r++) {
                int predicted = Argmax.row(logits, r, classes);
                confusion[labels[r]][predicted]++;
                rankCounts[rank(logits, r, classes, labels[r])]++;
                if (predicted == labels[r]) {
                    correct++;
                }
            }
        }
        long[] topKCorrect = new long[classes];
        long cumulative = 0;
        for (int k = 0; k < classes; k++) {
            cumulative += rankCounts[k];
            topKCorrect[k] = cumulative;
        }
        int n = rows.length;
        return n == 0
                ? new Evaluation(0, Double.NaN, Double.NaN, confusion, topKCorrect)
                : new Evaluation(n, (double) correct / n, lossSum / n, confusion, topKCorrect);
    }

    /** 0-based rank of {@code label}'s score in row {@code row}: classes scored higher, or equal with a lower index. */
    private static int rank(float[] logits, int row, int classes, int label) {
        int base = row * classes;
        float score = logits[base + label];
        int rank = 0;
        for (int c = 0; c < classes; c++) {
            float other = logits[base + c];
            if (other > score || (other == score && c < label)) {
                rank++;
            }
        }
        return rank;
    }
}
