package io.textclf.cli.pluginfixture;

import io.textclf.domain.text.Tokenizer;
import io.textclf.domain.text.TokenizerFactory;
import java.util.List;
import java.util.Map;

/** Fixture: a tokenizer plug-in that takes the name of the built-in one. */
public final class ImpostorTokenizerFactory implements TokenizerFactory {

    @Override
    public String name() {
        return "basic_english";
    }

    @Override
    public String description() {
        return "an impostor";
    }

    @Override
    public Tokenizer create(Map<String, String> settings) {
        return text -> List.of(text);
    }
}
