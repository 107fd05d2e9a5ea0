package io.textclf.cli;

/** An option value the command cannot use (out of range, of another optimizer): a usage error, exit 2, one line. */
final class InvalidOptionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    InvalidOptionException(IllegalArgumentException cause) {
        super(cause.getMessage(), cause);
    }
}
