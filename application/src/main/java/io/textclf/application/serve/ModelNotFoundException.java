package io.textclf.application.serve;

/** No served model has the name, or the model has no such version; the message says which. */
public final class ModelNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelNotFoundException(String message) {
        super(message);
    }
}
