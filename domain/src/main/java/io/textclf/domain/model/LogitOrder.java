package io.textclf.domain.model;

/**
 * The order of logits that {@code torch.argmax} and {@code torch.topk} follow: by value, NaN above every number
 * (so a row holding NaN predicts its first NaN), {@code -0.0} equal to {@code 0.0}. Ties go to the lower class index;
 * that is the callers' part.
 */
public final class LogitOrder {

    private LogitOrder() {
    }

    /** Negative, zero or positive as {@code a} ranks below, with or above {@code b}. */
    public static int compare(float a, float b) {
        boolean aNaN = Float.isNaN(a);
        boolean bNaN = Float.isNaN(b);
        if (aNaN || bNaN) {
            return Boolean.compare(aNaN, bNaN);
        }
        return a < b ? -1 : a > b ? 1 : 0;
    }

    /** Whether class {@code a} with logit {@code logitA} ranks before class {@code b} with {@code logitB}. */
    public static boolean ranksBefore(float logitA, int a, float logitB, int b) {
        int order = compare(logitA, logitB);
        return order > 0 || (order == 0 && a < b);
    }
}
