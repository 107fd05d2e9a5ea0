package io.textclf.spark.data;

/** A dataset that cannot be read as asked: names the file, and the row where there is one. */
public final class DatasetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }
}
