package io.textclf.application.serve;

import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.text.Vocabulary;

/**
 * Estimates the memory a loaded model version takes: its parameters as 4-byte floats plus its
 * vocabulary (each token a string, its characters and a hash-map entry).
 */
public final class ModelFootprint {

    /** Per vocabulary entry: string header and array, map entry, list slot. */
    static final long BYTES_PER_TOKEN = 96;

    private ModelFootprint() {
    }

    /** Estimated bytes of {@code artifact} once loaded for prediction. */
    public static long estimate(ModelArtifact artifact) {
        return estimate(artifact.parameters().dims(), artifact.vocabulary());
    }

    /**
     * Estimated bytes of a model of these shapes and tokens once loaded for prediction: what
     * {@link #estimate(ModelArtifact)} will say of it, known before its parameters are made.
     */
    public static long estimate(ModelDims dims, Vocabulary vocabulary) {
        long bytes = Float.BYTES * dims.parameterCount();
        for (String token : vocabulary.tokens()) {
            bytes += BYTES_PER_TOKEN + 2L * token.length();
        }
        return bytes;
    }

    /** {@code bytes} in MiB (KiB below one MiB) with one decimal, for messages. */
    public static String readable(long bytes) {
        return bytes < 1 << 20 ? String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
