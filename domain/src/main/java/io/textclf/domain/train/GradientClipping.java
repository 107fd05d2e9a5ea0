package io.textclf.domain.train;

import io.textclf.domain.model.TrainableModel;

/**
 * PyTorch's {@code clip_grad_norm_(parameters, max_norm)}: the total L2 norm over all gradients
 * together; every gradient is multiplied by {@code min(max_norm / (norm + 1e-6), 1)}, as PyTorch has done
 * since 1.10 (a factor of exactly 1 leaves a gradient's bits as they are; a NaN norm makes every gradient NaN).
 */
public final class GradientClipping {

    /** The epsilon PyTorch adds to the norm. */
    public static final double EPSILON = 1e-6;

    private GradientClipping() {
    }

    /**
     * Clips {@code model}'s gradients in place.
     *
     * @param maxNorm the largest allowed total norm, positive
     * @return the total norm before clipping
     */
    public static double clip(TrainableModel model, double maxNorm) {
        double norm = model.gradientNorm();
        // always, without a branch: which way a branch on the factor goes changes during training (the norm falls
        // under max_norm only now and then), and a compiled training step that had not seen it go both ways would be
        // thrown away and compiled again
        model.scaleGradients(Math.min(maxNorm / (norm + EPSILON), 1));
        return norm;
    }
}
