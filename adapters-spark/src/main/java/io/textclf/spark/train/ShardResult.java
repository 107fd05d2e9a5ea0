package io.textclf.spark.train;

import io.textclf.spark.model.PortableTensors;
import java.io.Serializable;

/**
 * What one partition's epoch produced.
 *
 * @param parameters      the parameters after the epoch
 * @param optimizer       the optimizer's buffers after it
 * @param optimizerSteps  the optimizer's step count after it
 * @param examples        documents trained on
 * @param correct         of them, classified right before their step
 * @param lossSum         sum of their cross-entropies
 */
record ShardResult(PortableTensors parameters, PortableTensors optimizer, long optimizerSteps, long examples,
                   long correct, double lossSum) implements Serializable {

    private static final long serialVersionUID = 1L;
}
