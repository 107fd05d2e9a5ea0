package io.textclf.application.dataset;

import io.textclf.domain.data.LabeledCorpus;
import io.textclf.domain.model.DatasetFingerprint;
import java.util.List;
import java.util.Optional;

/**
 * A dataset read into memory.
 *
 * @param files        where it came from
 * @param train        the training rows with class names
 * @param test         the test rows, if the dataset has a test file
 * @param fingerprints MD5 and row count of each file read
 * @param skippedRows  malformed rows left out (only with {@link BadRowPolicy#SKIP})
 */
public record Dataset(DatasetFiles files, LabeledCorpus train, Optional<LabeledCorpus> test,
                      List<DatasetFingerprint> fingerprints, List<String> skippedRows) {

    public Dataset {
        fingerprints = List.copyOf(fingerprints);
        skippedRows = List.copyOf(skippedRows);
    }
}
