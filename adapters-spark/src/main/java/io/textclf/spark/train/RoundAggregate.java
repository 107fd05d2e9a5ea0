package io.textclf.spark.train;

import io.textclf.spark.model.PortableTensors;
import java.io.Serializable;

/**
 * The {@code treeAggregate} accumulator of one round. It sums the partitions' parameters scaled by
 * {@code c_i = P * n_i / N} (shard {@code i} holds {@code n_i} of the {@code N} training rows), their
 * optimizer buffers and step counts weighted by {@code n_i / N}, and collects every partition's
 * progress in the epoch. {@link Combine} turns the sums into the next parameters. Each contribution
 * is scaled before it is summed, in float, so no partial sum is larger than the model; with one
 * partition every scale is exactly 1. It allocates its arrays on the first contribution: the zero
 * value Spark ships to every task is empty.
 */
final class RoundAggregate implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int partitions;
    private PortableTensors parameters;
    private PortableTensors optimizer;
    private double scaleSum;
    private double optimizerSteps;
    private final java.util.TreeMap<Integer, ShardProgress> progress = new java.util.TreeMap<>();

    /** @param partitions the number of partitions P */
    RoundAggregate(int partitions) {
        this.partitions = partitions;
    }

    RoundAggregate add(ShardResult result) {
        double scale = result.weight() * partitions;
        parameters = accumulate(parameters, result.parameters(), scale);
        optimizer = accumulate(optimizer, result.optimizer(), result.weight());
        scaleSum += scale;
        optimizerSteps += result.weight() * result.optimizerSteps();
        progress.put(result.partition(), result.progress());
        return this;
    }

    RoundAggregate merge(RoundAggregate other) {
        if (other.parameters == null) {
            return this;
        }
        if (parameters == null) {
            return other;
        }
        parameters = accumulate(parameters, other.parameters, 1.0);
        optimizer = accumulate(optimizer, other.optimizer, 1.0);
        scaleSum += other.scaleSum;
        optimizerSteps += other.optimizerSteps;
        progress.putAll(other.progress);
        return this;
    }

    private static PortableTensors accumulate(PortableTensors sum, PortableTensors next, double weight) {
        float w = (float) weight;
        if (sum == null) {
            float[][] values = new float[next.count()][];
            for (int t = 0; t < values.length; t++) {
                float[] source = next.values()[t];
                values[t] = new float[source.length];
                for (int i = 0; i < source.length; i++) {
                    values[t][i] = w == 1f ? source[i] : source[i] * w;
                }
            }
            return new PortableTensors(next.names(), next.shapes(), values);
        }
        for (int t = 0; t < sum.count(); t++) {
            float[] target = sum.values()[t];
            float[] source = next.values()[t];
            for (int i = 0; i < target.length; i++) {
                target[i] += source[i] * w;
            }
        }
        return sum;
    }

    /** {@code sum_i c_i x_i} over the partitions' parameters. */
    PortableTensors scaledParameterSum() {
        return parameters;
    }

    /** {@code sum_i c_i}, P up to rounding. */
    double scaleSum() {
        return scaleSum;
    }

    /** The partitions' optimizer buffers, averaged. */
    PortableTensors optimizer() {
        return optimizer;
    }

    /** The partitions' optimizer step counts, averaged. */
    double optimizerSteps() {
        return optimizerSteps;
    }

    /** Each partition's progress in the epoch after the round, by partition index. */
    java.util.SortedMap<Integer, ShardProgress> progress() {
        return progress;
    }
}
