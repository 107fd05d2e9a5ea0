package io.textclf.spark.train;

import io.textclf.spark.model.PortableTensors;
import java.io.Serializable;

/**
 * The {@code treeAggregate} accumulator of one averaging round: the mean of the partitions' parameters
 * and optimizer buffers weighted by the documents each trained on, plus the epoch's training totals.
 * Each contribution is scaled by its weight {@code examples / total} before it is summed, in float, so
 * the partial sums are no larger than the model; with one partition the weight is exactly 1 and the
 * average is that partition's parameters, bit for bit. It allocates its arrays on the first
 * contribution: the zero value Spark ships to every task is empty.
 */
final class ParameterAverage implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long total;
    private PortableTensors parameters;
    private PortableTensors optimizer;
    private double optimizerSteps;
    private long examples;
    private long correct;
    private double lossSum;

    /** @param total the documents all partitions train on in the round */
    ParameterAverage(long total) {
        this.total = total;
    }

    ParameterAverage add(ShardResult result) {
        double weight = (double) result.examples() / total;
        parameters = accumulate(parameters, result.parameters(), weight);
        optimizer = accumulate(optimizer, result.optimizer(), weight);
        optimizerSteps += weight * result.optimizerSteps();
        examples += result.examples();
        correct += result.correct();
        lossSum += result.lossSum();
        return this;
    }

    ParameterAverage merge(ParameterAverage other) {
        if (other.parameters == null) {
            return this;
        }
        parameters = accumulate(parameters, other.parameters, 1.0);
        optimizer = accumulate(optimizer, other.optimizer, 1.0);
        optimizerSteps += other.optimizerSteps;
        examples += other.examples;
        correct += other.correct;
        lossSum += other.lossSum;
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

    PortableTensors parameters() {
        return parameters;
    }

    PortableTensors optimizer() {
        return optimizer;
    }

    long optimizerSteps() {
        return Math.round(optimizerSteps);
    }

    long examples() {
        return examples;
    }

    long correct() {
        return correct;
    }

    double lossSum() {
        return lossSum;
    }
}
