package io.textclf.spark.train;

import io.textclf.domain.train.PartialEpoch;
import java.io.Serializable;

/**
 * Where one partition stands in the current epoch: the steps it has done and its running totals.
 *
 * @param batchesDone steps done in the epoch
 * @param examples    documents trained on in the epoch
 * @param correct     of them, classified right before their step
 * @param lossSum     sum of their cross-entropies
 * @param finished    whether the partition has trained its whole shard this epoch
 */
record ShardProgress(int batchesDone, long examples, long correct, double lossSum, boolean finished)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    static final ShardProgress START = new ShardProgress(0, 0, 0, 0, false);

    PartialEpoch partial() {
        return new PartialEpoch(examples, correct, lossSum, 0);
    }
}
