package io.textclf.domain.text;

/** A pipeline names a tokenizer (or feature) that no {@link TokenizerFactory} provides here. */
public final class UnknownTokenizerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownTokenizerException(String message) {
        super(message);
    }
}
