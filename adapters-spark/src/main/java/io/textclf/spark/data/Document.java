package io.textclf.spark.data;

import java.io.Serializable;

/**
 * One labelled document of a distributed corpus.
 *
 * @param row   0-based position in the dataset: files in name order, rows in file order
 * @param label class index, from 0
 * @param text  the raw text (CSV: title, a space, description)
 */
public record Document(long row, int label, String text) implements Serializable {

    private static final long serialVersionUID = 1L;
}
