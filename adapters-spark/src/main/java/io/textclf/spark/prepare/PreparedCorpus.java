package io.textclf.spark.prepare;

import io.textclf.domain.text.Vocabulary;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * A training corpus read, counted and encoded on the executors.
 *
 * @param labels     class names in index order
 * @param vocabulary built from the training files, as {@code textclf train} builds it
 * @param train      the encoded training documents, numbered in file order (not cached)
 * @param rows       how many training documents there are
 * @param tokens     how many tokens they hold
 */
public record PreparedCorpus(List<String> labels, Vocabulary vocabulary, JavaRDD<EncodedDocument> train, long rows,
                             long tokens) {

    public PreparedCorpus {
        labels = List.copyOf(labels);
    }
}
