package io.textclf.application.train;

import io.textclf.domain.train.TrainingListener;

/** Follows a training use case: its stages in words, and the training loop's events. */
public interface TrainingObserver extends TrainingListener {

    TrainingObserver SILENT = new TrainingObserver() {
    };

    /** A step outside the training loop (reading data, building the vocabulary, ...), one line. */
    default void onStage(String message) {
    }
}
