package io.textclf.domain.train;

import io.textclf.domain.model.LogitOrder;

/** Index of the largest logit of a row as {@code torch.argmax} has it ({@link LogitOrder}). */
final class Argmax {

    private Argmax() {
    }

    static int row(float[] logits, int row, int classes) {
        int base = row * classes;
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (LogitOrder.ranksBefore(logits[base + c], c, logits[base + best], best)) {
                best = c;
            }
        }
        return best;
    }
}
