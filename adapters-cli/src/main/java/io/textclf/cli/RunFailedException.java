package io.textclf.cli;

/**
 * A command ran, and what it ran failed: calls of a benchmark or a soak test that failed, a restart that did not come
 * back. Told in one line, exit 1, as any failure of what the settings point at.
 */
final class RunFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RunFailedException(String message) {
        super(message);
    }
}
