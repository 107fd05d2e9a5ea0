package io.textclf.application.train;

import io.textclf.application.progress.ProgressListener;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.train.TrainingListener;

/** Follows a training use case: its stages in words, the long phases' progress and the training loop's events. */
public interface TrainingObserver extends TrainingListener, ProgressListener {

    TrainingObserver SILENT = new TrainingObserver() {
    };

    /** A step outside the training loop (reading data, building the vocabulary, ...), one line. */
    default void onStage(String message) {
    }

    /** Something the run goes on with but its user should know (a class without training rows), one line. */
    default void onWarning(String message) {
    }

    /**
     * The model's shapes and tokens, once the data is read and before its parameters are made. An observer that
     * cannot take a model this large (a server's memory bound) refuses the run here by throwing, so that nothing is
     * trained in vain.
     */
    default void onModelShape(ModelDims dims, Vocabulary vocabulary) {
    }
}
