package io.textclf.domain.train;

/** The loss became infinite or NaN: the weights are no longer numbers, so no model is worth keeping. */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Initial weights beyond this make the first logits large enough to overflow on their own. */
    private static final double LARGE_INIT_RANGE = 10;

    /**
     * @param epoch        the epoch whose loss is not finite
     * @param learningRate the learning rate in that epoch
     * @param initRange    the range of the initial weights: far above the tutorial's, it is the likelier cause
     */
    public TrainingDivergedException(int epoch, double learningRate, double initRange) {
        super("training diverged in epoch " + epoch + " (the loss is not a finite number at learning rate "
                + learningRate + "): lower " + (initRange > LARGE_INIT_RANGE ? "--init-range (" + initRange
                + ", the tutorial's is 0.5), " : "") + "--lr or --clip-norm");
    }
}
