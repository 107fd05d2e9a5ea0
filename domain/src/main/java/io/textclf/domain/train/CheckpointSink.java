package io.textclf.domain.train;

/** Port: keeps a {@link TrainingState} somewhere durable (a file, usually); called on the training thread. */
@FunctionalInterface
public interface CheckpointSink {

    void save(TrainingState state);
}
