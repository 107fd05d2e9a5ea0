package io.textclf.spark.train;

import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.model.ComputeBackend;
import io.textclf.domain.reference.ReferenceBackend;
import io.textclf.domain.train.BatchProgress;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.OptimizerState;
import io.textclf.domain.train.PartialEpoch;
import io.textclf.domain.train.Trainer;
import io.textclf.domain.train.TrainerOptions;
import io.textclf.domain.train.TrainingListener;
import io.textclf.domain.train.TrainingState;
import io.textclf.spark.model.PortableTensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs on an executor: epoch {@code e} of the recipe on one shard, with the domain's own
 * {@link Trainer} (forward, cross-entropy, backward, {@code clip_grad_norm_}, optimizer step on
 * shuffled batches). The trainer resumes a run whose {@code e - 1} epochs are done, so it replays the
 * shard's {@code e - 1} earlier shuffles and draws the same permutation that a single machine draws in
 * epoch {@code e}; the partition's parameters and optimizer state come from the driver's average.
 */
final class ShardTrainer {

    private static final EncodedCorpus NO_VALIDATION = new EncodedCorpus(new int[0][], new int[0]);

    private final ComputeBackend backend = new ReferenceBackend();

    ShardResult train(Shard shard, ShardRecipe recipe, int epoch, double learningRate, PortableTensors parameters,
                      PortableTensors optimizer, long optimizerSteps) {
        List<EpochSummary> done = new ArrayList<>();
        for (int e = 1; e < epoch; e++) {
            done.add(new EpochSummary(e, Double.NaN, Double.NaN, Double.NaN, learningRate, 0));
        }
        TrainingState start = new TrainingState(parameters.toStateDict(),
                new OptimizerState(optimizerSteps, optimizer.toMap()), done, 0, PartialEpoch.START, Optional.empty(), 0);
        TrainingState[] end = new TrainingState[1];
        BatchProgress[] last = new BatchProgress[1];
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onBatch(BatchProgress progress) {
                last[0] = progress;
            }
        };
        new Trainer(backend, new CrossEntropyLoss(), recipe.settings(epoch, learningRate, shard.partition()))
                .train(start, shard.corpus(), NO_VALIDATION, listener,
                        new TrainerOptions(false, 0, Optional.of(state -> end[0] = state)));
        OptimizerState state = end[0].optimizer();
        return new ShardResult(PortableTensors.of(end[0].parameters()), PortableTensors.of(state.buffers()),
                state.steps(), last[0].examplesSeen(), last[0].correct(), last[0].lossSum());
    }
}
