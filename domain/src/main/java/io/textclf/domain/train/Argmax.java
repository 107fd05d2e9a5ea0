package io.textclf.domain.train;

/** Index of the largest logit of a row; ties go to the lowest index, as {@code torch.argmax}. */
final class Argmax {

    private Argmax() {
    }

    static int row(float[] logits, int row, int classes) {
        int base = row * classes;
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (logits[base + c] > logits[base + best]) {
                best = c;
            }
        }
        return best;
    }
}
