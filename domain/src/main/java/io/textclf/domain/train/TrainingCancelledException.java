package io.textclf.domain.train;

/** Thrown by the training loop when its thread was interrupted; the model is left as it was then. */
public final class TrainingCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrainingCancelledException(int epoch, int batch) {
        super("training cancelled in epoch " + epoch + " at batch " + batch);
    }
}
