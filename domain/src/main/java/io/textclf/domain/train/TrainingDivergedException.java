package io.textclf.domain.train;

/** The loss became infinite or NaN: the weights are no longer numbers, so no model is worth keeping. */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(int epoch, double learningRate) {
        super("training diverged in epoch " + epoch + " (the loss is not a finite number at learning rate "
                + learningRate + "): lower --lr or --clip-norm");
    }
}
