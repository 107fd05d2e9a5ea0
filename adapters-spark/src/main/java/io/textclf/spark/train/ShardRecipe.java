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
 * @param optimizer    the update rule's name: sgd, sgd-momentum, adagrad or adam
 * @param optimizerArgs its arguments, in the order of the {@link OptimizerSpec} record's components
 */
record ShardRecipe(int batchSize, int embeddingDim, double clipNorm, long seed, double initRange, int logInterval,
                   String optimizer, double[] optimizerArgs) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Odd, so that partitions 0, 1, 2 ... shuffle with different seeds; partition 0 uses the run's own. */
    static final long PARTITION_SEED_STRIDE = 0x9E3779B97F4A7C15L;

    static ShardRecipe of(TrainingSettings s) {
        OptimizerSpec spec = s.optimizer();
        String name;
        double[] args;
        if (spec instanceof OptimizerSpec.SgdMomentum m) {
            name = "sgd-momentum";
            args = new double[] {m.momentum(), m.dampening(), m.weightDecay(), m.nesterov() ? 1 : 0};
        } else if (spec instanceof OptimizerSpec.Adagrad a) {
            name = "adagrad";
            args = new double[] {a.lrDecay(), a.weightDecay(), a.initialAccumulatorValue(), a.eps()};
        } else if (spec instanceof OptimizerSpec.Adam a) {
            name = "adam";
            args = new double[] {a.beta1(), a.beta2(), a.eps(), a.weightDecay()};
        } else {
            name = "sgd";
            args = new double[0];
        }
        return new ShardRecipe(s.batchSize(), s.embeddingDim(), s.clipNorm(), s.seed(), s.initRange(),
                s.logInterval(), name, args);
    }

    /**
     * Settings for partition {@code partition}'s run of epoch {@code epoch} at {@code learningRate}: a
     * constant schedule (StepLR with gamma 1), no validation, the shuffle seed of the partition.
     */
    TrainingSettings settings(int epoch, double learningRate, int partition) {
        return new TrainingSettings(epoch, learningRate, batchSize, embeddingDim, 1.0, 1, clipNorm, 0.0,
                seed + partition * PARTITION_SEED_STRIDE, initRange, 1, 0, logInterval, optimizerSpec(),
                new SchedulerSpec.Step(), ValidationMetric.ACCURACY, 0, 0);
    }

    private OptimizerSpec optimizerSpec() {
        double[] a = optimizerArgs;
        return switch (optimizer) {
            case "sgd-momentum" -> new OptimizerSpec.SgdMomentum(a[0], a[1], a[2], a[3] != 0);
            case "adagrad" -> new OptimizerSpec.Adagrad(a[0], a[1], a[2], a[3]);
            case "adam" -> new OptimizerSpec.Adam(a[0], a[1], a[2], a[3]);
            default -> new OptimizerSpec.Sgd();
        };
    }
}
