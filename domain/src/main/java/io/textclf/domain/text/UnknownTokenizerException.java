package io.textclf.domain.text;

/** A pipeline names a tokenizer (or feature) that no {@link TokenizerFactory} provides here. */
public final class UnknownTokenizerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean nameUnknown;

    /** A tokenizer this textclf knows, with a feature it does not compute: no plug-in brings that. */
    public UnknownTokenizerException(String message) {
        this(message, false);
    }

    /**
     * @param nameUnknown whether no tokenizer here has the name (one a plug-in might bring), rather than a known one
     *                    with a feature this textclf does not compute
     */
    public UnknownTokenizerException(String message, boolean nameUnknown) {
        super(message);
        this.nameUnknown = nameUnknown;
    }

    /** Whether no tokenizer here has the name: a plug-in's jar might bring it. */
    public boolean nameUnknown() {
        return nameUnknown;
    }
}
