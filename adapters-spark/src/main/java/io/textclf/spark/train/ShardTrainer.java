package io.textclf.spark.train;

import io.textclf.domain.backend.ComputeBackend;
import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.reference.ReferenceBackend;
import io.textclf.domain.train.BatchProgress;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.OptimizerState;
import io.textclf.domain.train.Trainer;
import io.textclf.domain.train.TrainerOptions;
import io.textclf.domain.train.TrainingListener;
import io.textclf.domain.train.TrainingState;
import io.textclf.spark.model.PortableTensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs on an executor: one averaging round of the recipe on one shard, with the domain's own
 * {@link Trainer} (forward, cross-entropy, backward, {@code clip_grad_norm_}, optimizer step on
 * shuffled batches). The trainer resumes a run that has done {@code e - 1} epochs and
 * {@code batchesDone} steps of epoch {@code e}: it replays the shard's earlier shuffles, so the
 * permutation it draws is the one a single machine draws in epoch {@code e}. The round ends at the
 * trainer's next checkpoint, which it asks for every {@code syncEvery} steps (the epoch's end at the
 * latest); the parameters and optimizer state it starts from are the driver's average.
 */
final class ShardTrainer {

    private static final EncodedCorpus NO_VALIDATION = new EncodedCorpus(new int[0][], new int[0]);

    private final ComputeBackend backend = new ReferenceBackend();

    /** Stops the trainer at the round's checkpoint, once its state is captured. */
    private static final class RoundEnd extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RoundEnd() {
            super(null, null, false, false);
        }
    }

    /**
     * @param syncEvery steps per round, 0 for a round per epoch
     */
    ShardResult train(Shard shard, ShardRecipe recipe, int epoch, double learningRate, int syncEvery,
                      PortableTensors parameters, PortableTensors optimizer, long optimizerSteps,
                      ShardProgress progress, double weight) {
        if (progress.finished()) {
            return new ShardResult(shard.partition(), parameters, optimizer, optimizerSteps, weight, progress);
        }
        List<EpochSummary> done = new ArrayList<>();
        for (int e = 1; e < epoch; e++) {
            done.add(new EpochSummary(e, Double.NaN, Double.NaN, Double.NaN, learningRate, 0));
        }
        TrainingState start = new TrainingState(parameters.toStateDict(),
                new OptimizerState(optimizerSteps, optimizer.toMap()), done, progress.batchesDone(),
                progress.partial(), Optional.empty(), 0);
        TrainingState[] end = new TrainingState[1];
        BatchProgress[] last = new BatchProgress[1];
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onBatch(BatchProgress batch) {
                last[0] = batch;
            }
        };
        TrainerOptions options = new TrainerOptions(false, syncEvery, Optional.of(state -> {
            end[0] = state;
            if (state.batchesDone() > 0) {
                throw new RoundEnd();
            }
        }));
        try {
            new Trainer(backend, new CrossEntropyLoss(), recipe.settings(epoch, learningRate, shard.partition()))
                    .train(start, shard.corpus(), NO_VALIDATION, listener, options);
        } catch (RoundEnd stop) {
            // the round's checkpoint: end[0] holds the state
        }
        OptimizerState state = end[0].optimizer();
        BatchProgress at = last[0];
        return new ShardResult(shard.partition(), PortableTensors.of(end[0].parameters()),
                PortableTensors.of(state.buffers()), state.steps(), weight,
                new ShardProgress(end[0].batchesDone(), at.examplesSeen(), at.correct(), at.lossSum(),
                        end[0].batchesDone() == 0));
    }
}
