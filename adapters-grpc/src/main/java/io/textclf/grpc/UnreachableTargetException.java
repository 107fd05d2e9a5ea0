package io.textclf.grpc;

/** A server that a load cannot be sent to: its first call failed (nothing listens, no such model, no token). */
public final class UnreachableTargetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnreachableTargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
