package io.textclf.domain.train;

import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.metrics.Evaluation;
import io.textclf.domain.model.LogitOrder;
import io.textclf.domain.model.Model;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Scores a model on an encoded corpus, in batches of 1,024 documents scored on every core at once
 * ({@link Model#logits} is thread-safe); the batches' losses are summed in batch order, so the result
 * is the same, bit for bit, on any number of cores.
 */
public final class Evaluator {

    private static final int BATCH = 1024;

    private final Loss loss;

    /** @param loss the loss to report the mean of */
    public Evaluator(Loss loss) {
        this.loss = loss;
    }

    /** What one batch contributes: its loss times its size, and each document's label, prediction and label rank. */
    private record BatchScore(double lossSum, int[] labels, int[] predicted, int[] labelRanks) {
    }

    /** Accuracy, mean loss, confusion and top-k counts of {@code model} on {@code corpus}, in batches. */
    public Evaluation evaluate(Model model, EncodedCorpus corpus) {
        int classes = model.dims().numClasses();
        int[] rows = new int[corpus.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        int batches = (rows.length + BATCH - 1) / BATCH;
        IntStream batchIndices = IntStream.range(0, batches);
        List<BatchScore> scores = (batches > 1 ? batchIndices.parallel() : batchIndices)
                .mapToObj(b -> score(model, corpus, rows, b * BATCH, Math.min(rows.length, (b + 1) * BATCH), classes))
                .toList();
        long[][] confusion = new long[classes][classes];
        long[] rankCounts = new long[classes];
        double lossSum = 0;
        long correct = 0;
        for (BatchScore score : scores) {
            lossSum += score.lossSum();
            for (int r = 0; r < score.labels().length; r++) {
                confusion[score.labels()[r]][score.predicted()[r]]++;
                rankCounts[score.labelRanks()[r]]++;
                if (score.predicted()[r] == score.labels()[r]) {
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

    private BatchScore score(Model model, EncodedCorpus corpus, int[] rows, int from, int to, int classes) {
        float[] logits = model.logits(corpus.batch(rows, from, to));
        int[] labels = corpus.labels(rows, from, to);
        int[] predicted = new int[labels.length];
        int[] labelRanks = new int[labels.length];
        for (int r = 0; r < labels.length; r++) {
            predicted[r] = Argmax.row(logits, r, classes);
            labelRanks[r] = rank(logits, r, classes, labels[r]);
        }
        return new BatchScore(loss.compute(logits, labels, classes).loss() * labels.length, labels, predicted,
                labelRanks);
    }

    /**
     * 0-based rank of {@code label}'s score in row {@code row}: the classes that rank before it ({@link LogitOrder}),
     * so rank 0 is the argmax.
     */
    private static int rank(float[] logits, int row, int classes, int label) {
        int base = row * classes;
        float score = logits[base + label];
        int rank = 0;
        for (int c = 0; c < classes; c++) {
            if (LogitOrder.ranksBefore(logits[base + c], c, score, label)) {
                rank++;
            }
        }
        return rank;
    }
}
