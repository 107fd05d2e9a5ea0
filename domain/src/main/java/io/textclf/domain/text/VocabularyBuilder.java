package io.textclf.domain.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    private final Map<String, int[]> counts = new HashMap<>();
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
            counts.computeIfAbsent(token, t -> new int[1])[0]++;
        }
        return this;
    }

    /** Adds {@code count} occurrences of {@code token}, counted elsewhere (e.g. on a cluster's executors). */
    public VocabularyBuilder add(String token, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a token's count must be at least 1, was " + count + " for '" + token + "'");
        }
        counts.computeIfAbsent(token, t -> new int[1])[0] += count;
        return this;
    }

    /** Counts the tokens of many documents, using all cores. */
    public VocabularyBuilder addAll(List<List<String>> documents) {
        Map<String, int[]> merged = documents.parallelStream().collect(HashMap::new, (map, doc) -> {
            for (String token : doc) {
                map.computeIfAbsent(token, t -> new int[1])[0]++;
            }
        }, (left, right) -> right.forEach((token, count) ->
                left.computeIfAbsent(token, t -> new int[1])[0] += count[0]));
        merged.forEach((token, count) -> counts.computeIfAbsent(token, t -> new int[1])[0] += count[0]);
        return this;
    }

    public Vocabulary build() {
        List<Map.Entry<String, int[]>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> {
            int byCount = Integer.compare(b.getValue()[0], a.getValue()[0]);
            return byCount != 0 ? byCount : compareCodePoints(a.getKey(), b.getKey());
        });
        int kept = maxTokens == 0 ? entries.size() : Math.min(entries.size(), maxTokens - specials.size());
        List<String> tokens = new ArrayList<>(specials);
        for (Map.Entry<String, int[]> entry : entries.subList(0, kept)) {
            if (entry.getValue()[0] >= minFreq && !specials.contains(entry.getKey())) {
                tokens.add(entry.getKey());
            }
        }
        return new Vocabulary(tokens, 0);
    }

    /** Python's {@code str} ordering: by Unicode code point, not by UTF-16 unit. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
