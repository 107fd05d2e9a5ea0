package io.textclf.domain.text;

import java.util.Map;

/** Provides {@link BasicEnglishTokenizer} as {@code basic_english}; it takes no settings. */
public final class BasicEnglishTokenizerFactory implements TokenizerFactory {

    @Override
    public String name() {
        return BasicEnglishTokenizer.NAME;
    }

    @Override
    public String description() {
        return "torchtext's basic_english: lower-cases, splits off punctuation, splits on spaces";
    }

    @Override
    public Tokenizer create(Map<String, String> settings) {
        if (!settings.isEmpty()) {
            throw new IllegalArgumentException("tokenizer " + BasicEnglishTokenizer.NAME + " takes no settings, got "
                    + settings.keySet());
        }
        return new BasicEnglishTokenizer();
    }
}
