package io.textclf.spark.train;

import io.textclf.spark.model.PortableTensors;
import java.io.Serializable;

/**
 * What one partition's round produced.
 *
 * @param partition       the partition index
 * @param parameters      the parameters after the round
 * @param optimizer       the optimizer's buffers after it
 * @param optimizerSteps  the optimizer's step count after it
 * @param weight          the partition's share of the training split (its rows over all rows)
 * @param progress        where the partition stands in the epoch after the round
 */
record ShardResult(int partition, PortableTensors parameters, PortableTensors optimizer, long optimizerSteps,
                   double weight, ShardProgress progress) implements Serializable {

    private static final long serialVersionUID = 1L;
}
