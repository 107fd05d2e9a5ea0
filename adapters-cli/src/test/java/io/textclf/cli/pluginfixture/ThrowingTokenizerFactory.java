package io.textclf.cli.pluginfixture;

import io.textclf.domain.text.Tokenizer;
import io.textclf.domain.text.TokenizerFactory;
import java.util.Map;

/** Fixture: a tokenizer plug-in whose constructor fails, as one missing its dictionary file would. */
public final class ThrowingTokenizerFactory implements TokenizerFactory {

    public ThrowingTokenizerFactory() {
        throw new IllegalStateException("cannot find my dictionary file");
    }

    @Override
    public String name() {
        return "throwing";
    }

    @Override
    public String description() {
        return "never made";
    }

    @Override
    public Tokenizer create(Map<String, String> settings) {
        throw new UnsupportedOperationException();
    }
}
