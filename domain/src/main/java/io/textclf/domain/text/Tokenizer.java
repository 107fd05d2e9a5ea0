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
}
