package io.textclf.domain.train;

/**
 * PyTorch's {@code CosineAnnealingLR(T_max, eta_min)} with its recursive update: the rate follows
 * {@code eta_min + (lr0 - eta_min) * (1 + cos(pi * t / T_max)) / 2}, reaching {@code eta_min} after
 * {@code T_max} epochs and, as in PyTorch, rising again after that.
 */
final class CosineSchedule extends EpochScheduler {

    private final double initial;
    private final int tMax;
    private final double etaMin;

    CosineSchedule(double learningRate, int tMax, double etaMin) {
        super(learningRate);
        this.initial = learningRate;
        this.tMax = tMax;
        this.etaMin = etaMin;
    }

    @Override
    double next(double current, int epoch) {
        if (Math.floorMod(epoch - 1 - tMax, 2 * tMax) == 0) {
            return current + (initial - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
        }
        return (1 + Math.cos(Math.PI * epoch / tMax)) / (1 + Math.cos(Math.PI * (epoch - 1) / tMax))
                * (current - etaMin) + etaMin;
    }
}
