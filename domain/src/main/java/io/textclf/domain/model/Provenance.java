package io.textclf.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

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
 * @param runSettings     every setting of the run as resolved from flags, experiment file and defaults
 * @param resumedFrom     the checkpoint the run was resumed from, empty when it was not
 */
public record Provenance(List<DatasetFingerprint> datasets, String backend, String textclfVersion,
                         String javaVersion, Instant createdAt, String os, double trainingSeconds,
                         List<RunSetting> runSettings, String resumedFrom) {

    public Provenance {
        datasets = List.copyOf(datasets);
        runSettings = List.copyOf(runSettings);
        Objects.requireNonNull(resumedFrom, "resumedFrom");
    }

    /** Provenance without run settings, not resumed. */
    public Provenance(List<DatasetFingerprint> datasets, String backend, String textclfVersion, String javaVersion,
                      Instant createdAt, String os, double trainingSeconds) {
        this(datasets, backend, textclfVersion, javaVersion, createdAt, os, trainingSeconds, List.of(), "");
    }
}
