package io.textclf.application.dataset;

import java.nio.file.Path;

/** A data file that does not hold what its layout promises; the message names the file and line. */
public final class DatasetFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatasetFormatException(Path file, long line, String problem) {
        super(file + ":" + line + ": " + problem);
    }

    public DatasetFormatException(String message) {
        super(message);
    }
}
