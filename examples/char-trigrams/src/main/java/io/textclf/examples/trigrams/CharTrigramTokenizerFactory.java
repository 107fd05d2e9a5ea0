package io.textclf.examples.trigrams;

import io.textclf.domain.text.Tokenizer;
import io.textclf.domain.text.TokenizerFactory;
import java.util.Map;

/**
 * Provides {@link CharTrigramTokenizer} as {@code char_trigrams}. Listed in
 * {@code META-INF/services/io.textclf.domain.text.TokenizerFactory}, which is all textclf needs to find it.
 */
public final class CharTrigramTokenizerFactory implements TokenizerFactory {

    /** The name model files record. */
    public static final String NAME = "char_trigrams";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "character trigrams of each lower-cased word, fastText-style (<ca, cat, at>)";
    }

    @Override
    public Tokenizer create(Map<String, String> settings) {
        if (!settings.isEmpty()) {
            throw new IllegalArgumentException("tokenizer " + NAME + " takes no settings, got " + settings.keySet());
        }
        return new CharTrigramTokenizer();
    }
}
