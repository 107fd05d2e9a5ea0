package io.textclf.domain.model;

import java.time.Instant;
import java.util.List;

/**
 * How a model was made.
 *
 * @param datasets        the files it was trained and tested on
 * @param backend         compute backend name
 * @param textclfVersion  version of textclf that trained it
 * @param javaVersion     Java runtime version
 * @param createdAt       when training finished
 * @param os              operating system and architecture
 * @param trainingSeconds wall time of the training loop
 */
public record Provenance(List<DatasetFingerprint> datasets, String backend, String textclfVersion,
                         String javaVersion, Instant createdAt, String os, double trainingSeconds) {

    public Provenance {
        datasets = List.copyOf(datasets);
    }
}
