package io.textclf.spark.train;

import io.textclf.domain.metrics.Evaluation;
import java.io.Serializable;

/**
 * An {@link Evaluation} as sums that partitions can add up: examples, loss sum, confusion counts and
 * top-k hits. Merging two and dividing once gives the evaluation of the union.
 */
public record EvaluationCounts(long examples, double lossSum, long[][] confusion, long[] topKCorrect)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public static EvaluationCounts of(Evaluation evaluation) {
        double lossSum = evaluation.examples() == 0 ? 0 : evaluation.meanLoss() * evaluation.examples();
        return new EvaluationCounts(evaluation.examples(), lossSum, evaluation.confusion(), evaluation.topKCorrect());
    }

    public EvaluationCounts plus(EvaluationCounts other) {
        int classes = confusion.length;
        long[][] matrix = new long[classes][classes];
        long[] topK = new long[classes];
        for (int i = 0; i < classes; i++) {
            for (int j = 0; j < classes; j++) {
                matrix[i][j] = confusion[i][j] + other.confusion[i][j];
            }
            topK[i] = topKCorrect[i] + other.topKCorrect[i];
        }
        return new EvaluationCounts(examples + other.examples, lossSum + other.lossSum, matrix, topK);
    }

    public Evaluation toEvaluation() {
        long correct = 0;
        for (int i = 0; i < confusion.length; i++) {
            correct += confusion[i][i];
        }
        return examples == 0
                ? new Evaluation(0, Double.NaN, Double.NaN, confusion, topKCorrect)
                : new Evaluation(examples, (double) correct / examples, lossSum / examples, confusion, topKCorrect);
    }
}
