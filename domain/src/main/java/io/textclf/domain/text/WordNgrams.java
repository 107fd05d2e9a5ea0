package io.textclf.domain.text;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * fastText's word n-grams ({@code -wordNgrams N -bucket B}): every run of 2 to {@code n} consecutive
 * words of a document adds one feature, hashed into {@code buckets} extra embedding rows that follow
 * the vocabulary's rows. The hashes are fastText's, so that figures compare: a word's hash is 32-bit
 * FNV-1a over its UTF-8 bytes, each byte sign-extended ({@code Dictionary::hash}); an n-gram starting
 * at word {@code i} is {@code h = hash(w_i)}, then {@code h = h * 116049371 + hash(w_j)} for each next
 * word in 64-bit unsigned arithmetic, the 32-bit hashes sign-extended, and its row is
 * {@code vocabularySize + h mod buckets} ({@code Dictionary::addWordNgrams}). Unknown words keep their
 * own hash, as in fastText.
 *
 * @param n       the longest n-gram, 1 for words only
 * @param buckets rows the n-grams share, at least 1 when {@code n > 1}, 0 when {@code n == 1}
 */
public record WordNgrams(int n, int buckets) {

    /** The pipeline feature setting of the longest n-gram, as model files record it. */
    public static final String LENGTH_FEATURE = "word_ngrams";
    /** The pipeline feature setting of the number of buckets. */
    public static final String BUCKETS_FEATURE = "buckets";

    /** Words only: the tutorial's model. */
    public static final WordNgrams NONE = new WordNgrams(1, 0);

    /** fastText's default number of buckets ({@code -bucket}). */
    public static final int FASTTEXT_BUCKETS = 2_000_000;

    private static final int FNV_OFFSET = 0x811C9DC5;
    private static final int FNV_PRIME = 16777619;
    private static final long NGRAM_FACTOR = 116049371L;

    public WordNgrams {
        if (n < 1) {
            throw new IllegalArgumentException("word n-grams must be at least 1 (words only), was " + n);
        }
        if (n == 1 && buckets != 0) {
            throw new IllegalArgumentException("buckets (" + buckets + ") need word n-grams of 2 or more");
        }
        if (n > 1 && buckets < 1) {
            throw new IllegalArgumentException("word n-grams of " + n + " need at least 1 bucket, was " + buckets);
        }
    }

    /** {@code n}-grams with {@code buckets} rows, or {@link #NONE} for {@code n == 1} whatever the buckets. */
    public static WordNgrams of(int n, int buckets) {
        return n == 1 ? NONE : new WordNgrams(n, buckets);
    }

    /**
     * The n-grams that pipeline feature settings name: {@link #NONE} for no settings.
     *
     * @throws IllegalArgumentException naming a setting that is not an n-gram setting, or a bad value
     */
    public static WordNgrams fromFeatures(Map<String, String> features) {
        for (String name : features.keySet()) {
            if (!name.equals(LENGTH_FEATURE) && !name.equals(BUCKETS_FEATURE)) {
                throw new IllegalArgumentException("unknown pipeline feature '" + name + "' (known: " + LENGTH_FEATURE
                        + ", " + BUCKETS_FEATURE + ")");
            }
        }
        if (features.isEmpty()) {
            return NONE;
        }
        return new WordNgrams(number(features, LENGTH_FEATURE, "1"), number(features, BUCKETS_FEATURE, "0"));
    }

    /** The pipeline feature settings of these n-grams: none for {@link #NONE}. */
    public Map<String, String> features() {
        return enabled() ? Map.of(LENGTH_FEATURE, Integer.toString(n), BUCKETS_FEATURE, Integer.toString(buckets))
                : Map.of();
    }

    private static int number(Map<String, String> features, String name, String fallback) {
        String value = features.getOrDefault(name, fallback);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pipeline feature " + name + " must be a whole number, was '" + value
                    + "'", e);
        }
    }

    public boolean enabled() {
        return n > 1;
    }

    /** Embedding rows beyond the vocabulary's. */
    public int extraRows() {
        return buckets;
    }

    /** fastText's hash of a word: FNV-1a over its UTF-8 bytes, each sign-extended. */
    public static int hash(String word) {
        return hash(word.toCharArray(), 0, word.length());
    }

    /** {@link #hash(String)} of the word {@code chars[start .. end)}. */
    public static int hash(char[] chars, int start, int end) {
        int h = FNV_OFFSET;
        for (int i = start; i < end; i++) {
            char c = chars[i];
            if (c >= 0x80) {
                return hashBytes(new String(chars, start, end - start).getBytes(StandardCharsets.UTF_8));
            }
            h = (h ^ c) * FNV_PRIME;
        }
        return h;
    }

    private static int hashBytes(byte[] bytes) {
        int h = FNV_OFFSET;
        for (byte b : bytes) {
            h = (h ^ b) * FNV_PRIME;
        }
        return h;
    }

    /** How many n-gram features a document of {@code words} words has. */
    public int featureCount(int words) {
        int count = 0;
        for (int length = 2; length <= n; length++) {
            count += Math.max(0, words - length + 1);
        }
        return count;
    }

    /**
     * The document's features: its word ids, then the row of each n-gram in fastText's order (by
     * start word, then by length).
     *
     * @param wordIds    the words' vocabulary indices
     * @param wordHashes {@link #hash(String)} of each word
     * @param vocabularySize the number of vocabulary rows, where the bucket rows begin
     */
    public int[] features(int[] wordIds, int[] wordHashes, int vocabularySize) {
        int words = wordIds.length;
        int[] features = new int[words + featureCount(words)];
        System.arraycopy(wordIds, 0, features, 0, words);
        writeRows(wordHashes, words, vocabularySize, features, words);
        return features;
    }

    /**
     * Writes the rows of a document's n-grams into {@code target[at .. at + featureCount(words))}, in
     * {@link #features}'s order.
     *
     * @param wordHashes     {@link #hash(String)} of each word, in {@code wordHashes[0 .. words)}
     * @param words          the document's number of words
     * @param vocabularySize the number of vocabulary rows, where the bucket rows begin
     * @param target         where the rows go
     * @param at             the index in {@code target} of the first row
     */
    public void writeRows(int[] wordHashes, int words, int vocabularySize, int[] target, int at) {
        int next = at;
        for (int i = 0; i < words; i++) {
            long h = wordHashes[i];
            for (int j = i + 1; j < words && j < i + n; j++) {
                h = h * NGRAM_FACTOR + wordHashes[j];
                target[next++] = vocabularySize + (int) Long.remainderUnsigned(h, buckets);
            }
        }
    }
}
