package io.textclf.domain.train;

/**
 * How a model did on a labelled set.
 *
 * @param examples  number of documents
 * @param accuracy  share classified right, NaN when there were none
 * @param meanLoss  mean cross-entropy, NaN when there were none
 * @param confusion {@code confusion[actual][predicted]} counts
 */
public record Evaluation(long examples, double accuracy, double meanLoss, long[][] confusion) {

    public long correct() {
        long sum = 0;
        for (int c = 0; c < confusion.length; c++) {
            sum += confusion[c][c];
        }
        return sum;
    }
}
