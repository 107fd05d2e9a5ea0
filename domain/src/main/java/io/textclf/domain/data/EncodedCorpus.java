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
 * <p>Row {@code i}'s features are {@code blocks[block[i]][start[i] .. start[i] + length[i])}, its label
 * {@code labels[i]}. A block holds the features of many documents one after the other (a chunk of an
 * encoded corpus), so that a large corpus is arrays of hundreds of documents each, which the collector
 * copies at memory speed, rather than an array per document; {@link #select} shares the blocks. The arrays
 * are owned by this object and never changed.
 */
public final class EncodedCorpus {

    private final int[][] blocks;
    private final int[] block;
    private final int[] start;
    private final int[] length;
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
        this(documents, IntStream.range(0, documents.length).toArray(), new int[documents.length],
                lengths(documents), labels, words);
    }

    /**
     * Documents stored in blocks: document {@code i} is {@code blocks[block[i]][start[i] .. start[i] + length[i])}.
     *
     * @param words how many of each document's features are words
     */
    EncodedCorpus(int[][] blocks, int[] block, int[] start, int[] length, int[] labels, int[] words) {
        if (block.length != labels.length || block.length != words.length || block.length != start.length
                || block.length != length.length) {
            throw new IllegalArgumentException(block.length + " documents but " + labels.length + " labels, "
                    + words.length + " word counts, " + start.length + " starts and " + length.length + " lengths");
        }
        this.blocks = blocks;
        this.block = block;
        this.start = start;
        this.length = length;
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
            total += length[rows[i]];
        }
        int[] ids = new int[total];
        int[] offsets = new int[to - from];
        int position = 0;
        for (int i = from; i < to; i++) {
            int row = rows[i];
            offsets[i - from] = position;
            System.arraycopy(blocks[block[row]], start[row], ids, position, length[row]);
            position += length[row];
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
        return new EncodedCorpus(blocks, pick(block, rows), pick(start, rows), pick(length, rows), pick(labels, rows),
                pick(words, rows));
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

    private static int[] pick(int[] values, int[] rows) {
        int[] picked = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            picked[i] = values[rows[i]];
        }
        return picked;
    }

    private static int[] lengths(int[][] documents) {
        int[] lengths = new int[documents.length];
        for (int i = 0; i < documents.length; i++) {
            lengths[i] = documents[i].length;
        }
        return lengths;
    }
}
