package io.textclf.domain.model;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

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

    /**
     * The version of textclf this domain library was built as, e.g. {@code 0.1.0-SNAPSHOT}: the
     * {@code textclfVersion} of a model a program trains with the domain alone. {@code unknown} for classes
     * not built by Maven.
     */
    public static String currentVersion() {
        return CurrentVersion.VALUE;
    }

    /** Provenance without run settings, not resumed. */
    public Provenance(List<DatasetFingerprint> datasets, String backend, String textclfVersion, String javaVersion,
                      Instant createdAt, String os, double trainingSeconds) {
        this(datasets, backend, textclfVersion, javaVersion, createdAt, os, trainingSeconds, List.of(), "");
    }

    /** Read once, when first asked for. */
    private static final class CurrentVersion {
        static final String VALUE = read();

        private static String read() {
            Properties properties = new Properties();
            try (InputStream in = Provenance.class.getResourceAsStream("textclf-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                return "unknown";
            }
            String value = properties.getProperty("version", "").strip();
            return value.isEmpty() || value.startsWith("${") ? "unknown" : value;
        }
    }
}
