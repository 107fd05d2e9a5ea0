package io.textclf.application.serve;

/**
 * Loading a model version, or training one of a known size, would take the loaded models past the memory bound;
 * the message says how much the version needs, how much is taken and what the bound is.
 */
public final class ModelMemoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelMemoryException(String message) {
        super(message);
    }
}
