package io.textclf.domain.train;

import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.model.Model;

/** Scores a model on an encoded corpus, in batches. */
public final class Evaluator {

    private static final int BATCH = 1024;

    private final Loss loss;

    public Evaluator(Loss loss) {
        this.loss = loss;
    }

    public Evaluation evaluate(Model model, EncodedCorpus corpus) {
        int classes = model.dims().numClasses();
        long[][] confusion = new long[classes][classes];
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
                if (predicted == labels[r]) {
                    correct++;
                }
            }
        }
        int n = rows.length;
        return n == 0
                ? new Evaluation(0, Double.NaN, Double.NaN, confusion)
                : new Evaluation(n, (double) correct / n, lossSum / n, confusion);
    }
}
