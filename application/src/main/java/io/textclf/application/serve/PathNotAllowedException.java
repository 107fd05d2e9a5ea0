package io.textclf.application.serve;

/** A path a client named would leave the server's data root, or is not a plain relative path. */
public final class PathNotAllowedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PathNotAllowedException(String message) {
        super(message);
    }
}
