package io.textclf.domain.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * torchtext's {@code build_vocab_from_iterator(iterator, min_freq, specials, special_first=True,
 * max_tokens)}: the specials first, then tokens by descending frequency, ties broken by the token
 * in ascending code-point order (Python's string order). As torchtext does, {@code maxTokens}
 * keeps the first {@code maxTokens - specials.size()} entries of that order, then drops the specials
 * among them and the tokens seen fewer than {@code minFreq} times. The first special becomes the
 * default index, as the tutorial's {@code vocab.set_default_index(vocab["<unk>"])}.
 *
 * <p>Not thread-safe: feed it from one thread, then call {@link #build()}.
 */
public final class VocabularyBuilder {

    private TokenTable counts = new TokenTable();
    private final List<String> specials;
    private final int minFreq;
    private final int maxTokens;

    /**
     * @param specials  tokens placed first, in order; the first one becomes the default index
     * @param minFreq   minimum count for a token to be kept, at least 1
     * @param maxTokens maximum vocabulary size including specials, or 0 for no limit
     */
    public VocabularyBuilder(List<String> specials, int minFreq, int maxTokens) {
        if (specials.isEmpty()) {
            throw new IllegalArgumentException("at least one special token is needed: the first is the default index");
        }
        if (minFreq < 1) {
            throw new IllegalArgumentException("min_freq must be at least 1, was " + minFreq);
        }
        if (maxTokens < 0 || (maxTokens > 0 && maxTokens <= specials.size())) {
            throw new IllegalArgumentException("max_tokens must be 0 (no limit) or larger than the number of specials ("
                    + specials.size() + "), was " + maxTokens);
        }
        this.specials = List.copyOf(specials);
        this.minFreq = minFreq;
        this.maxTokens = maxTokens;
    }

    /** The tutorial's settings: {@code <unk>} as the only special, no frequency or size limit. */
    public static VocabularyBuilder tutorial() {
        return new VocabularyBuilder(List.of(Vocabulary.UNKNOWN), 1, 0);
    }

    public VocabularyBuilder add(List<String> tokens) {
        for (String token : tokens) {
            counts.add(token, 1);
        }
        return this;
    }

    /** Counts the tokens of many documents. */
    public VocabularyBuilder addAll(List<List<String>> documents) {
        documents.forEach(this::add);
        return this;
    }

    /** Adds the counts of a table of tokens, e.g. one counted on another thread. */
    public VocabularyBuilder addCounts(TokenTable table) {
        if (counts.size() == 0) {
            counts = table.copy();
            return this;
        }
        int[] id = {0};
        table.forEachToken((chars, start, end) -> counts.add(chars, start, end, table.count(id[0]++)));
        return this;
    }

    public Vocabulary build() {
        Counted[] order = new Counted[counts.size()];
        for (int id = 0; id < order.length; id++) {
            order[id] = new Counted(counts.token(id), counts.count(id));
        }
        Arrays.parallelSort(order, VocabularyBuilder::byCountThenCodePoints);
        int kept = maxTokens == 0 ? order.length : Math.min(order.length, maxTokens - specials.size());
        List<String> tokens = new ArrayList<>(specials);
        for (int i = 0; i < kept; i++) {
            if (order[i].count() >= minFreq && !specials.contains(order[i].token())) {
                tokens.add(order[i].token());
            }
        }
        return new Vocabulary(tokens, 0);
    }

    /** A distinct token and how often it was seen. */
    private record Counted(String token, int count) {
    }

    /**
     * torchtext's order in one comparison: descending count, ties by code point. (torchtext sorts by token,
     * then stably by descending count; tokens are distinct, so both give one and the same total order.)
     */
    private static int byCountThenCodePoints(Counted a, Counted b) {
        return a.count() != b.count() ? Integer.compare(b.count(), a.count()) : compareCodePoints(a.token(), b.token());
    }

    /**
     * Python's {@code str} ordering: by Unicode code point, not by UTF-16 unit. The strings compare at
     * their first differing unit, with surrogates (parts of code points above U+FFFF) moved above the
     * units U+E000..U+FFFF, which is code-point order.
     */
    static int compareCodePoints(String a, String b) {
        int common = Math.min(a.length(), b.length());
        for (int i = 0; i < common; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                return codePointRank(ca) - codePointRank(cb);
            }
        }
        return a.length() - b.length();
    }

    private static int codePointRank(char unit) {
        return unit < Character.MIN_SURROGATE ? unit : unit <= Character.MAX_SURROGATE ? unit + 0x2000 : unit - 0x800;
    }
}
