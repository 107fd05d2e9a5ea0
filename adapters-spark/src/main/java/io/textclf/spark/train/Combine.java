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
 *   <li>{@link #MOVED_AVERAGE} averages each {@code embedding.weight} row over the replicas that moved
 *       it in the round (weighted by {@code n_i}): a row one replica moved takes its whole update, a row
 *       every replica moved their mean; {@code fc} is averaged.</li>
 * </ul>
 * Optimizer buffers are averaged and step counts advance by the replicas' mean either way. With one
 * partition both rules give the replica's parameters exactly.
 */
public enum Combine {
    SUM,
    AVERAGE,
    SPARSE_SUM,
    MOVED_AVERAGE;

    public static Combine parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("combine must be sum, average, sparse-sum or moved-average, was '" + name + "'");
        }
    }

    /**
     * Row {@code r} of the result: {@code (m_r - (1 - W_r) x_r) / W_r} with {@code m = s / P} the
     * weighted mean of all replicas and {@code W_r} the weight of those that moved the row (the others
     * hold {@code x_r}); {@code x_r} where none did.
     */
    private static void movedAverage(float[] s, float[] x, float inverseScales, float[] movedWeight, int dim,
                                     float[] out) {
        for (int row = 0; row < movedWeight.length; row++) {
            float w = movedWeight[row];
            for (int i = row * dim; i < (row + 1) * dim; i++) {
                out[i] = w == 0f ? x[i] : (s[i] * inverseScales - (1 - w) * x[i]) / w;
            }
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
            if (this == MOVED_AVERAGE && total.names()[t].equals(StateDict.EMBEDDING_WEIGHT)) {
                movedAverage(s, x, (float) (1 / scales), round.movedWeight(), total.shapes()[t][1], out);
            } else if (sum) {
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
