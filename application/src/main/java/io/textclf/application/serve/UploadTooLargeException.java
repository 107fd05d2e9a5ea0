package io.textclf.application.serve;

/** An upload grew past the server's limit on bytes per upload. */
public final class UploadTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UploadTooLargeException(String message) {
        super(message);
    }
}
