package io.textclf.domain.train;

/** Port: keeps a {@link TrainingState} somewhere durable (a file, usually); called on the training thread. */
@FunctionalInterface
public interface CheckpointSink {

    /** Keeps {@code state} so that training can resume from it; called after each epoch (and every N batches). */
    void save(TrainingState state);
}
