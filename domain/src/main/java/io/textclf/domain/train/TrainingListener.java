package io.textclf.domain.train;

/**
 * Observes a training run; called on the training thread, so keep it quick.
 */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {
    };

    /** After every step. */
    default void onBatch(BatchProgress progress) {
    }

    /** After every epoch's validation. */
    default void onEpochEnd(EpochSummary summary) {
    }
}
