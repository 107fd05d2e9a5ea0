package io.textclf.spark.prepare;

import java.io.Serializable;

/**
 * A document as vocabulary indices.
 *
 * @param row   its position in the dataset (see {@link io.textclf.spark.data.Document#row()})
 * @param label class index
 * @param ids   token indices, in text order
 */
public record EncodedDocument(long row, int label, int[] ids) implements Serializable {

    private static final long serialVersionUID = 1L;
}
