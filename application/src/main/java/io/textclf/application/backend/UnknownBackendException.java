package io.textclf.application.backend;

/** The configured backend does not exist or cannot run here. */
public final class UnknownBackendException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownBackendException(String message) {
        super(message);
    }
}
