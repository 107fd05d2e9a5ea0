package io.textclf.domain.train;

/**
 * PyTorch's {@code CrossEntropyLoss()} with its default mean reduction: for each row,
 * {@code -log softmax(z)[y]} through a numerically stable log-sum-exp, averaged over the rows.
 * The gradient is {@code (softmax(z) - onehot(y)) / B}.
 */
public final class CrossEntropyLoss implements Loss {

    @Override
    public LossOutput compute(float[] logits, int[] labels, int numClasses) {
        int rows = labels.length;
        if (logits.length != rows * numClasses) {
            throw new IllegalArgumentException("logits have " + logits.length + " values, expected " + rows
                    + " x " + numClasses);
        }
        if (rows == 0) {
            throw new IllegalArgumentException("cross-entropy of an empty batch is undefined");
        }
        float[] gradient = new float[logits.length];
        double[] exps = new double[numClasses];
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int label = labels[r];
            if (label < 0 || label >= numClasses) {
                throw new IllegalArgumentException("label " + label + " of row " + r + " is outside [0, " + numClasses + ")");
            }
            int base = r * numClasses;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < numClasses; c++) {
                max = Math.max(max, logits[base + c]);
            }
            double sum = 0;
            for (int c = 0; c < numClasses; c++) {
                exps[c] = Math.exp(logits[base + c] - max);
                sum += exps[c];
            }
            total += max + Math.log(sum) - logits[base + label];
            for (int c = 0; c < numClasses; c++) {
                gradient[base + c] = (float) ((exps[c] / sum - (c == label ? 1 : 0)) / rows);
            }
        }
        return new LossOutput(total / rows, gradient);
    }
}
