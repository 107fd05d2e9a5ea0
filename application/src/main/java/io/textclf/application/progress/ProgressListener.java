package io.textclf.application.progress;

/** Follows the long phases of a use case; may be called from several threads, one report at a time. */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() {
    };

    /** How far the current phase is. */
    default void onProgress(PhaseProgress progress) {
    }
}
