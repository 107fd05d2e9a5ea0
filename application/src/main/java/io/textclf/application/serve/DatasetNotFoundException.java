package io.textclf.application.serve;

/** A dataset a client named (server path, upload id or name) does not exist on the server. */
public final class DatasetNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatasetNotFoundException(String message) {
        super(message);
    }

    public DatasetNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
