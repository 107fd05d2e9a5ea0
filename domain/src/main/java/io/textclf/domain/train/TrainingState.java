package io.textclf.domain.train;

import io.textclf.domain.model.StateDict;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a training run stands between two steps: everything a checkpoint must hold so that the run
 * continues exactly as if it had not stopped. The scheduler, early stopping, best-score tracking
 * and the shuffle order are not stored: the {@link Trainer} rebuilds them by replaying the completed
 * epochs' validation scores and shuffles.
 *
 * @param parameters     the model's parameters now
 * @param optimizer      the optimizer's state now
 * @param epochs         the summaries of the completed epochs, in order
 * @param batchesDone    steps already done in epoch {@code epochs.size() + 1}, 0 at an epoch boundary
 * @param partial        running totals of that epoch, {@link PartialEpoch#START} at a boundary
 * @param bestParameters the parameters after the best epoch so far, when the run keeps them
 * @param bestEpoch      the best epoch so far by the monitored metric, 0 before any
 */
public record TrainingState(StateDict parameters, OptimizerState optimizer, List<EpochSummary> epochs,
                            int batchesDone, PartialEpoch partial, Optional<StateDict> bestParameters,
                            int bestEpoch) {

    public TrainingState {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(partial, "partial");
        Objects.requireNonNull(bestParameters, "bestParameters");
        epochs = List.copyOf(epochs);
        if (batchesDone < 0) {
            throw new IllegalArgumentException("batches done must be at least 0, was " + batchesDone);
        }
        if (bestEpoch < 0 || bestEpoch > epochs.size()) {
            throw new IllegalArgumentException("best epoch " + bestEpoch + " is not among the " + epochs.size()
                    + " completed epochs");
        }
        for (int i = 0; i < epochs.size(); i++) {
            if (epochs.get(i).epoch() != i + 1) {
                throw new IllegalArgumentException("epoch summaries must be numbered 1, 2, ...; entry " + i
                        + " is epoch " + epochs.get(i).epoch());
            }
        }
    }

    /** A run that has not started: {@code initial} parameters, no optimizer state. */
    public static TrainingState start(StateDict initial) {
        return new TrainingState(initial, OptimizerState.NONE, List.of(), 0, PartialEpoch.START, Optional.empty(), 0);
    }

    /** The epochs completed. */
    public int completedEpochs() {
        return epochs.size();
    }

    /**
     * Whether a run of {@code runEpochs} epochs can continue from this state: it is not past the run's last epoch,
     * nor inside an epoch after it.
     */
    public boolean endsWithin(int runEpochs) {
        return completedEpochs() < runEpochs || (completedEpochs() == runEpochs && batchesDone() == 0);
    }
}
