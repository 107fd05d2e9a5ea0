package io.textclf.domain.train;

/**
 * Index of the largest logit of a row as {@code torch.argmax} has it: ties go to the lowest index, and NaN counts as
 * larger than any number (a row holding NaN gives its first NaN).
 */
final class Argmax {

    private Argmax() {
    }

    static int row(float[] logits, int row, int classes) {
        int base = row * classes;
        int best = 0;
        for (int c = 1; c < classes && !Float.isNaN(logits[base + best]); c++) {
            float logit = logits[base + c];
            if (logit > logits[base + best] || Float.isNaN(logit)) {
                best = c;
            }
        }
        return best;
    }
}
