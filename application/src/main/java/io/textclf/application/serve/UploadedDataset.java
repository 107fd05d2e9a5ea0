package io.textclf.application.serve;

import io.textclf.domain.data.Layout;
import java.util.List;

/**
 * A dataset stored by an upload, checked by reading every row.
 *
 * @param id              the upload's id, 32 lowercase hex digits
 * @param layout          file layout
 * @param trainRows       rows of the training file
 * @param testRows        rows of the test file, 0 without one
 * @param classes         class names in index order
 * @param bytes           bytes stored
 * @param skippedRows     malformed rows found (training would fail on them unless told to skip them)
 * @param firstSkippedRow where the first one is and what is wrong with it, empty when there is none
 */
public record UploadedDataset(String id, Layout layout, long trainRows, long testRows, List<String> classes,
                              long bytes, long skippedRows, String firstSkippedRow) {

    public UploadedDataset {
        classes = List.copyOf(classes);
    }
}
