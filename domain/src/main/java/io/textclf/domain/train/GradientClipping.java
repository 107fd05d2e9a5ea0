package io.textclf.domain.train;

import io.textclf.domain.model.TrainableModel;

/**
 * PyTorch's {@code clip_grad_norm_(parameters, max_norm)}: the total L2 norm over all gradients
 * together; when {@code max_norm / (norm + 1e-6) < 1}, every gradient is multiplied by that factor.
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
        double coefficient = maxNorm / (norm + EPSILON);
        if (coefficient < 1) {
            model.scaleGradients(coefficient);
        }
        return norm;
    }
}
