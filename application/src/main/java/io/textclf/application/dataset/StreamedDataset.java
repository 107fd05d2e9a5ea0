package io.textclf.application.dataset;

import io.textclf.domain.model.DatasetFingerprint;
import java.util.List;
import java.util.Optional;

/**
 * A dataset whose rows were handed over while being read ({@link DatasetLoader#stream}), not kept.
 *
 * @param files        where it came from
 * @param labels       the class names, class {@code i} at index {@code i}
 * @param trainRows    how many training rows were handed over
 * @param testRows     how many test rows were, if the dataset has a test file
 * @param fingerprints MD5 and row count of each file read
 * @param skippedRows  malformed rows left out (only with {@link BadRowPolicy#SKIP})
 */
public record StreamedDataset(DatasetFiles files, List<String> labels, long trainRows, Optional<Long> testRows,
                              List<DatasetFingerprint> fingerprints, List<String> skippedRows) {

    public StreamedDataset {
        labels = List.copyOf(labels);
        fingerprints = List.copyOf(fingerprints);
        skippedRows = List.copyOf(skippedRows);
    }
}
