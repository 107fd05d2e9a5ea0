package io.textclf.domain.train;

import io.textclf.domain.backend.ComputeBackend;
import io.textclf.domain.model.Model;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How a {@link Trainer} run is looked after, apart from its hyperparameters.
 *
 * @param keepBest              keep a copy of the parameters after the best epoch by the monitored
 *                              metric (costs one parameter copy per improving epoch)
 * @param checkpointEveryBatches also checkpoint after every this many steps within an epoch; 0 for
 *                              epoch ends only
 * @param checkpoints           where checkpoints go after every epoch (and every N batches); empty for none
 * @param threads               training threads: 1 (the default) is the reproducible loop; more run
 *                              lock-free parallel SGD (Hogwild, as fastText does) on shared parameters
 * @param atEnd                 called with the trained model after its last epoch, before it is closed: to use
 *                              it while it is open (to evaluate it on a test set, say) instead of building
 *                              another model from its parameters
 * @param startHandedOver       whether the caller hands the start state's parameters over: nothing reads their
 *                              values afterwards, so the backend may train on their very arrays instead of a
 *                              copy ({@link io.textclf.domain.backend.ComputeBackend#trainableTakingOver})
 */
public record TrainerOptions(boolean keepBest, int checkpointEveryBatches, Optional<CheckpointSink> checkpoints,
                             int threads, Optional<Consumer<Model>> atEnd, boolean startHandedOver) {

    /** No best-model copy, no checkpoints, one thread: the tutorial's loop. */
    public static final TrainerOptions NONE = new TrainerOptions(false, 0, Optional.empty(), 1);

    /** Nothing called at the end; the start state's parameters are copied. */
    public TrainerOptions(boolean keepBest, int checkpointEveryBatches, Optional<CheckpointSink> checkpoints,
                          int threads) {
        this(keepBest, checkpointEveryBatches, checkpoints, threads, Optional.empty(), false);
    }

    /** One training thread. */
    public TrainerOptions(boolean keepBest, int checkpointEveryBatches, Optional<CheckpointSink> checkpoints) {
        this(keepBest, checkpointEveryBatches, checkpoints, 1);
    }

    /** These options, with {@code atEnd} called with the trained model after its last epoch. */
    public TrainerOptions withAtEnd(Consumer<Model> atEnd) {
        return new TrainerOptions(keepBest, checkpointEveryBatches, checkpoints, threads, Optional.of(atEnd),
                startHandedOver);
    }

    /**
     * These options, for a start state whose parameters the caller hands over (a fresh start it made for this
     * run alone): the model may train on their arrays, which then change.
     */
    public TrainerOptions withStartHandedOver() {
        return new TrainerOptions(keepBest, checkpointEveryBatches, checkpoints, threads, atEnd, true);
    }

    public TrainerOptions {
        Objects.requireNonNull(checkpoints, "checkpoints");
        Objects.requireNonNull(atEnd, "atEnd");
        requireValid(checkpointEveryBatches, threads);
    }

    /**
     * Checks a checkpoint interval and a thread count as a run's options: what a caller that builds these options
     * only after reading the data checks first.
     *
     * @throws IllegalArgumentException for fewer than 1 thread, a negative interval, or checkpoints within an
     *                                  epoch with more than one thread (Hogwild threads have no common batch count)
     */
    public static void requireValid(int checkpointEveryBatches, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (checkpointEveryBatches < 0) {
            throw new IllegalArgumentException("checkpoint interval must be at least 0 batches, was "
                    + checkpointEveryBatches);
        }
        if (threads > 1 && checkpointEveryBatches > 0) {
            throw new IllegalArgumentException("checkpoints within an epoch need one training thread, not " + threads);
        }
    }
}
