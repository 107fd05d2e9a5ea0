package io.textclf.application.dataset;

/** A named dataset could not be fetched or failed its checksum. */
public final class DatasetDownloadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatasetDownloadException(String message) {
        super(message);
    }
}
