package io.textclf.domain.data;

import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.text.Tokenizer;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.text.WordNgrams;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Documents already tokenized and mapped to vocabulary indices, with their labels.
 *
 * <p>Row {@code i} is {@code documents[i]} with {@code labels[i]}. The arrays are owned by this
 * object and never changed.
 */
public final class EncodedCorpus {

    private final int[][] documents;
    private final int[] labels;
    private final int[] words;

    /**
     * Documents of words only: each feature is a word.
     *
     * @param documents token ids of each document
     * @param labels    class index of each document, as many as documents
     */
    public EncodedCorpus(int[][] documents, int[] labels) {
        this(documents, labels, lengths(documents));
    }

    /**
     * @param documents each document's features (its words, then any n-gram rows)
     * @param labels    one label per document
     * @param words     how many of each document's features are words (for throughput in words)
     */
    public EncodedCorpus(int[][] documents, int[] labels, int[] words) {
        if (documents.length != labels.length || documents.length != words.length) {
            throw new IllegalArgumentException(documents.length + " documents but " + labels.length + " labels and "
                    + words.length + " word counts");
        }
        this.documents = documents;
        this.labels = labels;
        this.words = words;
    }

    /** Tokenizes and encodes every example (words only); uses all cores, keeps the order. */
    public static EncodedCorpus encode(List<Example> examples, Tokenizer tokenizer, Vocabulary vocabulary) {
        return new CorpusEncoder(tokenizer, WordNgrams.NONE).encode(examples, vocabulary);
    }

    /**
     * Encodes already tokenized documents.
     *
     * @param tokens one token list per document
     * @param labels one label per document
     */
    public static EncodedCorpus encodeTokens(List<List<String>> tokens, int[] labels, Vocabulary vocabulary) {
        int[][] documents = new int[tokens.size()][];
        IntStream.range(0, documents.length).parallel()
                .forEach(i -> documents[i] = vocabulary.encode(tokens.get(i)));
        return new EncodedCorpus(documents, labels.clone());
    }

    /** Number of documents. */
    public int size() {
        return labels.length;
    }

    /** Class index of document {@code row}. */
    public int label(int row) {
        return labels[row];
    }

    /** The rows {@code rows[from .. to)} as a batch of documents. */
    public TokenBatch batch(int[] rows, int from, int to) {
        int total = 0;
        for (int i = from; i < to; i++) {
            total += documents[rows[i]].length;
        }
        int[] ids = new int[total];
        int[] offsets = new int[to - from];
        int position = 0;
        for (int i = from; i < to; i++) {
            int[] doc = documents[rows[i]];
            offsets[i - from] = position;
            System.arraycopy(doc, 0, ids, position, doc.length);
            position += doc.length;
        }
        return new TokenBatch(ids, offsets);
    }

    /** The labels of {@code rows[from .. to)}. */
    public int[] labels(int[] rows, int from, int to) {
        int[] result = new int[to - from];
        for (int i = from; i < to; i++) {
            result[i - from] = labels[rows[i]];
        }
        return result;
    }

    /** The subset made of {@code rows}, in that order. */
    public EncodedCorpus select(int[] rows) {
        int[][] docs = new int[rows.length][];
        int[] selected = new int[rows.length];
        int[] selectedWords = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            docs[i] = documents[rows[i]];
            selected[i] = labels[rows[i]];
            selectedWords[i] = words[rows[i]];
        }
        return new EncodedCorpus(docs, selected, selectedWords);
    }

    /** The number of words of rows {@code rows[from .. to)}. */
    public long words(int[] rows, int from, int to) {
        long total = 0;
        for (int i = from; i < to; i++) {
            total += words[rows[i]];
        }
        return total;
    }

    /** Total number of words over all documents (n-gram features not counted). */
    public long wordCount() {
        long total = 0;
        for (int count : words) {
            total += count;
        }
        return total;
    }

    private static int[] lengths(int[][] documents) {
        int[] lengths = new int[documents.length];
        for (int i = 0; i < documents.length; i++) {
            lengths[i] = documents[i].length;
        }
        return lengths;
    }
}
