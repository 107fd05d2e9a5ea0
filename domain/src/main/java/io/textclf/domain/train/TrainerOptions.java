package io.textclf.domain.train;

import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Trainer} run is looked after, apart from its hyperparameters.
 *
 * @param keepBest              keep a copy of the parameters after the best epoch by the monitored
 *                              metric (costs one parameter copy per improving epoch)
 * @param checkpointEveryBatches also checkpoint after every this many steps within an epoch; 0 for
 *                              epoch ends only
 * @param checkpoints           where checkpoints go after every epoch (and every N batches); empty for none
 */
public record TrainerOptions(boolean keepBest, int checkpointEveryBatches, Optional<CheckpointSink> checkpoints) {

    /** No best-model copy, no checkpoints: the tutorial's loop. */
    public static final TrainerOptions NONE = new TrainerOptions(false, 0, Optional.empty());

    public TrainerOptions {
        Objects.requireNonNull(checkpoints, "checkpoints");
        if (checkpointEveryBatches < 0) {
            throw new IllegalArgumentException("checkpoint interval must be at least 0 batches, was "
                    + checkpointEveryBatches);
        }
    }
}
