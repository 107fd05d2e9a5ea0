package io.textclf.domain.text;

/**
 * Receives tokens as ranges of a character buffer, so that a tokenizer need not make a
 * {@code String} per token. The buffer is only valid during the call.
 */
@FunctionalInterface
public interface TokenSink {

    /** The token {@code chars[start .. end)}, non-empty. */
    void token(char[] chars, int start, int end);
}
