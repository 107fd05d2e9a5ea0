package io.textclf.application.train;

import io.textclf.application.progress.ProgressListener;
import io.textclf.domain.train.TrainingListener;

/** Follows a training use case: its stages in words, the long phases' progress and the training loop's events. */
public interface TrainingObserver extends TrainingListener, ProgressListener {

    TrainingObserver SILENT = new TrainingObserver() {
    };

    /** A step outside the training loop (reading data, building the vocabulary, ...), one line. */
    default void onStage(String message) {
    }
}
