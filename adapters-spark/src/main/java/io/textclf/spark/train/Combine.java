package io.textclf.spark.train;

import io.textclf.spark.model.PortableTensors;
import io.textclf.domain.model.StateDict;
import java.util.Locale;

/**
 * How the replicas' parameters after a round become the next parameters. With {@code x_i} the
 * parameters of replica {@code i}, {@code x} those the round started from, and {@code c_i = P n_i / N}:
 * <ul>
 *   <li>{@link #SUM} applies every replica's update: {@code x + sum_i c_i (x_i - x)}, computed as
 *       {@code sum_i c_i x_i - (sum_i c_i - 1) x}. An epoch then moves the parameters by as many
 *       clipped steps as a single machine's epoch takes (each replica's steps are {@code 1/P} of
 *       them), and an embedding row that only one shard touches keeps its whole update.</li>
 *   <li>{@link #AVERAGE} is model averaging: {@code sum_i (n_i / N) x_i}, which takes {@code 1/P}
 *       of each update: stable with long rounds, slower per epoch.</li>
 *   <li>{@link #SPARSE_SUM} sums the updates of {@code embedding.weight}, whose rows a replica moves
 *       only for the tokens of its own documents, and averages the dense {@code fc} parameters, which
 *       every replica moves in every step.</li>
 * </ul>
 * Optimizer buffers are averaged and step counts advance by the replicas' mean either way. With one
 * partition both rules give the replica's parameters exactly.
 */
public enum Combine {
    SUM,
    AVERAGE,
    SPARSE_SUM;

    public static Combine parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--combine must be sum, average or sparse-sum, was '" + name + "'");
        }
    }

    /** The next parameters from a round's sums and the parameters {@code start} it began from. */
    PortableTensors apply(RoundAggregate round, PortableTensors start) {
        PortableTensors total = round.scaledParameterSum();
        double scales = round.scaleSum();
        float[][] next = new float[total.count()][];
        for (int t = 0; t < next.length; t++) {
            float[] s = total.values()[t];
            float[] x = start.values()[t];
            float[] out = new float[s.length];
            boolean sum = this == SUM || (this == SPARSE_SUM && total.names()[t].equals(StateDict.EMBEDDING_WEIGHT));
            if (sum) {
                float rest = (float) (scales - 1);
                for (int i = 0; i < out.length; i++) {
                    out[i] = s[i] - rest * x[i];
                }
            } else {
                float mean = (float) (1 / scales);
                for (int i = 0; i < out.length; i++) {
                    out[i] = s[i] * mean;
                }
            }
            next[t] = out;
        }
        return new PortableTensors(total.names(), total.shapes(), next);
    }
}
