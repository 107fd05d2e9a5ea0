package io.textclf.application.progress;

import java.util.Objects;

/**
 * How far a long phase of a use case is: reading the data, building the vocabulary, encoding,
 * evaluating, saving. The first report of a phase has {@code done} 0 and its last has {@code done}
 * equal to {@code total}.
 *
 * @param phase what is being done, one lower-case word ({@code reading}, {@code vocabulary}, ...)
 * @param done  units done so far, at least 0
 * @param total units in the phase, at least {@code done}
 * @param unit  what is counted: {@link #BYTES} or {@link #DOCUMENTS}
 */
public record PhaseProgress(String phase, long done, long total, String unit) {

    public static final String BYTES = "bytes";
    public static final String DOCUMENTS = "docs";

    public PhaseProgress {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(unit, "unit");
        if (done < 0 || done > total) {
            throw new IllegalArgumentException("done " + done + " must be in [0, " + total + "]");
        }
    }

    /** Whether this is the phase's last report. */
    public boolean finished() {
        return done == total;
    }
}
