package io.textclf.spark.train;

import io.textclf.domain.data.EncodedCorpus;
import java.io.Serializable;

/**
 * One partition's share of a split, in the split's order (the single-machine order of its rows).
 *
 * @param partition the partition index, from 0
 * @param documents token indices per document
 * @param labels    class index per document
 */
record Shard(int partition, int[][] documents, int[] labels) implements Serializable {

    private static final long serialVersionUID = 1L;

    EncodedCorpus corpus() {
        return new EncodedCorpus(documents, labels);
    }

    int size() {
        return labels.length;
    }
}
