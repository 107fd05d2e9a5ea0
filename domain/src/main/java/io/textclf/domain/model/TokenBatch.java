package io.textclf.domain.model;

import java.util.Arrays;

/**
 * A batch of documents as PyTorch's {@code EmbeddingBag} takes it: all token ids concatenated, and
 * the start of each document in that sequence.
 *
 * <p>Invariants: there is at least one document when there are tokens, {@code offsets[0] == 0} then,
 * offsets are non-decreasing and at most {@code tokenIds.length}; document {@code i} is
 * {@code tokenIds[offsets[i] .. offsets[i+1])} (the last one runs to the end). A document may be
 * empty; its embedding is then the zero vector, as in PyTorch. The arrays are owned by the batch:
 * callers must not change them after construction.
 */
public record TokenBatch(int[] tokenIds, int[] offsets) {

    public TokenBatch {
        if (offsets.length == 0 && tokenIds.length > 0) {
            throw new IllegalArgumentException(tokenIds.length + " tokens in no document: offsets are empty");
        }
        if (offsets.length > 0 && offsets[0] != 0) {
            throw new IllegalArgumentException("offsets[0] must be 0, was " + offsets[0]);
        }
        for (int i = 1; i < offsets.length; i++) {
            if (offsets[i] < offsets[i - 1] || offsets[i] > tokenIds.length) {
                throw new IllegalArgumentException("offsets must be non-decreasing and within the "
                        + tokenIds.length + " tokens: " + Arrays.toString(offsets));
            }
        }
    }

    /** Builds a batch from one id array per document. */
    public static TokenBatch of(int[]... documents) {
        int total = 0;
        for (int[] doc : documents) {
            total += doc.length;
        }
        int[] ids = new int[total];
        int[] offsets = new int[documents.length];
        int position = 0;
        for (int i = 0; i < documents.length; i++) {
            offsets[i] = position;
            System.arraycopy(documents[i], 0, ids, position, documents[i].length);
            position += documents[i].length;
        }
        return new TokenBatch(ids, offsets);
    }

    /** Number of documents. */
    public int size() {
        return offsets.length;
    }

    /** Index in {@link #tokenIds()} where document {@code i} starts. */
    public int start(int i) {
        return offsets[i];
    }

    /** Index in {@link #tokenIds()} one past the end of document {@code i}. */
    public int end(int i) {
        return i + 1 < offsets.length ? offsets[i + 1] : tokenIds.length;
    }

    /**
     * Checks that every token id is a row of an embedding of {@code vocabSize} rows.
     *
     * @throws IllegalArgumentException naming the first id outside {@code [0, vocabSize)} and its document
     */
    public void requireIdsWithin(int vocabSize) {
        for (int at = 0; at < tokenIds.length; at++) {
            if (tokenIds[at] < 0 || tokenIds[at] >= vocabSize) {
                throw outsideVocabulary(at, vocabSize);
            }
        }
    }

    /** The refusal of the id at {@code at} in {@link #tokenIds()}, outside {@code [0, vocabSize)}. */
    IllegalArgumentException outsideVocabulary(int at, int vocabSize) {
        int document = 0;
        while (end(document) <= at) {
            document++;
        }
        return new IllegalArgumentException("token ids must be in [0, " + vocabSize + "), document " + document
                + " of the batch has " + tokenIds[at]);
    }
}
