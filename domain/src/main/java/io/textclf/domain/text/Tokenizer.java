package io.textclf.domain.text;

import java.util.List;

/**
 * Port: turns raw text into tokens.
 *
 * <p>Implementations are stateless and thread-safe. The result never contains empty strings;
 * an input with no tokens gives an empty list.
 */
@FunctionalInterface
public interface Tokenizer {

    /** Splits {@code text} into tokens, in reading order. */
    List<String> tokenize(String text);

    /**
     * Hands the tokens of {@code text} to {@code sink}, in reading order: the same tokens as
     * {@link #tokenize(String)}, without a list or a string per token where the tokenizer can.
     */
    default void tokenize(String text, TokenSink sink) {
        for (String token : tokenize(text)) {
            char[] chars = token.toCharArray();
            sink.token(chars, 0, chars.length);
        }
    }
}
