package io.textclf.domain.text;

import java.util.List;

/**
 * An immutable token-to-index mapping, as torchtext's {@code Vocab}.
 *
 * <p>Indices are {@code 0 .. size()-1} in the order of {@link #tokens()}; tokens are unique.
 * Tokens not in the vocabulary map to {@link #defaultIndex()}.
 */
public final class Vocabulary {

    /** torchtext's conventional special token for unknown words. */
    public static final String UNKNOWN = "<unk>";

    private final List<String> tokens;
    private final TokenTable indexByToken;
    private final int defaultIndex;

    /**
     * @param tokens       tokens in index order, unique, non-empty list
     * @param defaultIndex index returned for unknown tokens, within {@code [0, tokens.size())}
     */
    public Vocabulary(List<String> tokens, int defaultIndex) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("a vocabulary needs at least one token");
        }
        if (defaultIndex < 0 || defaultIndex >= tokens.size()) {
            throw new IllegalArgumentException(
                    "default index " + defaultIndex + " is outside [0, " + tokens.size() + ")");
        }
        this.tokens = List.copyOf(tokens);
        this.indexByToken = new TokenTable(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            if (indexByToken.add(tokens.get(i), 1) != i) {
                throw new IllegalArgumentException("token '" + tokens.get(i) + "' appears twice");
            }
        }
        this.defaultIndex = defaultIndex;
    }

    public int size() {
        return tokens.size();
    }

    public List<String> tokens() {
        return tokens;
    }

    public int defaultIndex() {
        return defaultIndex;
    }

    /** The index of {@code token}, or {@link #defaultIndex()} when it is unknown. */
    public int indexOf(String token) {
        int index = indexByToken.indexOf(token);
        return index < 0 ? defaultIndex : index;
    }

    /** The index of the token {@code chars[start .. end)}, or {@link #defaultIndex()} when it is unknown. */
    public int indexOf(char[] chars, int start, int end) {
        int index = indexByToken.indexOf(chars, start, end);
        return index < 0 ? defaultIndex : index;
    }

    /** Indices of {@code tokens}, in order. */
    public int[] encode(List<String> tokens) {
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = indexOf(tokens.get(i));
        }
        return ids;
    }

    public boolean contains(String token) {
        return indexByToken.indexOf(token) >= 0;
    }

    public String token(int index) {
        return tokens.get(index);
    }
}
