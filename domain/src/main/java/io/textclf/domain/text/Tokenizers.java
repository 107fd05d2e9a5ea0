package io.textclf.domain.text;

import io.textclf.domain.plugin.NamedProviders;
import io.textclf.domain.plugin.PluginException;
import io.textclf.domain.plugin.ServiceProviders;
import java.util.List;
import java.util.Map;

/**
 * The tokenizers at hand, by name: a registry over {@link TokenizerFactory} providers, usually those
 * {@link java.util.ServiceLoader} finds. Builds the tokenizer a {@link PipelineSpec} names.
 */
public final class Tokenizers {

    private final Map<String, TokenizerFactory> factories;

    /**
     * @throws PluginException when a provider has no name, or two providers share one (naming where each came from)
     */
    public Tokenizers(Iterable<? extends TokenizerFactory> providers) {
        factories = NamedProviders.byName("tokenizer", TokenizerFactory.class, providers, TokenizerFactory::name,
                ServiceProviders::origin);
    }

    /**
     * The providers {@link java.util.ServiceLoader} finds through {@code classLoader}.
     *
     * @throws io.textclf.domain.plugin.PluginException when a plug-in lists a provider that cannot be loaded
     */
    public static Tokenizers load(ClassLoader classLoader) {
        return new Tokenizers(ServiceProviders.load(TokenizerFactory.class, classLoader));
    }

    /** The factories, by name. */
    public Map<String, TokenizerFactory> factories() {
        return factories;
    }

    /**
     * The tokenizer of {@code pipeline}.
     *
     * @throws UnknownTokenizerException naming the tokenizer when none has its name, or naming a feature
     *                                   setting this textclf does not know (it knows the word n-grams')
     * @throws IllegalArgumentException  when the tokenizer refuses its settings
     * @throws PluginException           when its factory fails otherwise, naming it and where it came from
     */
    public Tokenizer create(PipelineSpec pipeline) {
        TokenizerFactory factory = factories.get(pipeline.tokenizer());
        if (factory == null) {
            throw new UnknownTokenizerException("unknown tokenizer '" + pipeline.tokenizer() + "' (available: "
                    + String.join(", ", factories.keySet()) + ")", true);
        }
        try {
            pipeline.wordNgrams();
        } catch (IllegalArgumentException e) {
            throw new UnknownTokenizerException(e.getMessage() + ": this textclf computes the tokens and their word "
                    + "n-grams only");
        }
        try {
            return factory.create(pipeline.tokenizerSettings());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PluginException("tokenizer '" + pipeline.tokenizer() + "' (" + ServiceProviders.origin(factory)
                    + ") failed to start: " + e, e);
        }
    }
}
