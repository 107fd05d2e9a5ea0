package io.textclf.application.serve;

/** An upload beyond one of the server's upload limits: bytes per upload, bytes of all stored uploads, or uploads at once. */
public final class UploadTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UploadTooLargeException(String message) {
        super(message);
    }
}
