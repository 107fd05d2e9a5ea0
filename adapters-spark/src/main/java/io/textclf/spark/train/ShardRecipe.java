package io.textclf.spark.train;

import io.textclf.domain.train.OptimizerSpec;
import io.textclf.domain.train.SchedulerSpec;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.domain.train.ValidationMetric;
import java.io.Serializable;

/**
 * What an executor needs of the run's {@link TrainingSettings} to train one epoch on its shard, in a
 * form Spark can ship: the batch size, the clipping norm, the update rule and the shuffle seed. The
 * learning rate is the driver's, decided by the run's scheduler; the executor only applies it.
 *
 * @param optimizer the update rule
 */
record ShardRecipe(int batchSize, int embeddingDim, double clipNorm, long seed, double initRange, int logInterval,
                   OptimizerSpec optimizer) implements Serializable {

    private static final long serialVersionUID = 2L;

    /** Odd, so that partitions 0, 1, 2 ... shuffle with different seeds; partition 0 uses the run's own. */
    static final long PARTITION_SEED_STRIDE = 0x9E3779B97F4A7C15L;

    static ShardRecipe of(TrainingSettings s) {
        return new ShardRecipe(s.batchSize(), s.embeddingDim(), s.clipNorm(), s.seed(), s.initRange(),
                s.logInterval(), s.optimizer());
    }

    /**
     * Settings for partition {@code partition}'s run of epoch {@code epoch} at {@code learningRate}: a
     * constant schedule (StepLR with gamma 1), no validation, the shuffle seed of the partition.
     */
    TrainingSettings settings(int epoch, double learningRate, int partition) {
        return new TrainingSettings(epoch, learningRate, batchSize, embeddingDim, 1.0, 1, clipNorm, 0.0,
                seed + partition * PARTITION_SEED_STRIDE, initRange, 1, 0, logInterval, optimizer,
                new SchedulerSpec.Step(), ValidationMetric.ACCURACY, 0, 0);
    }
}
