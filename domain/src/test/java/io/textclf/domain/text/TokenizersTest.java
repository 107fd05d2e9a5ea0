package io.textclf.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.plugin.PluginException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenizersTest {

    private final Tokenizers found = Tokenizers.load(getClass().getClassLoader());

    @Test
    void theServiceLoaderFindsBasicEnglishAsTheDefault() {
        assertTrue(found.factories().containsKey(PipelineSpec.DEFAULT_TOKENIZER), found.factories().toString());
        assertEquals(List.of("hello", ",", "world", "!"), found.create(PipelineSpec.tutorial()).tokenize("Hello, World!"));
    }

    @Test
    void anUnknownTokenizerIsOneLineNamingIt() {
        UnknownTokenizerException e = assertThrows(UnknownTokenizerException.class,
                () -> found.create(PipelineSpec.tokenizer("char_trigrams")));
        assertEquals("unknown tokenizer 'char_trigrams' (available: basic_english)", e.getMessage());
        assertTrue(e.nameUnknown(), "a plug-in might bring it");
    }

    @Test
    void aFeatureThisTextclfDoesNotComputeIsRefusedRatherThanIgnored() {
        PipelineSpec withCharNgrams = new PipelineSpec("basic_english", Map.of(), Map.of("char_ngrams", "3"));
        UnknownTokenizerException e = assertThrows(UnknownTokenizerException.class,
                () -> found.create(withCharNgrams));
        assertTrue(e.getMessage().contains("'char_ngrams'"), e.getMessage());
        assertFalse(e.nameUnknown(), "a known tokenizer: no plug-in brings the feature");
    }

    @Test
    void wordNgramFeaturesAreComputed() {
        PipelineSpec bigrams = PipelineSpec.tutorial().withWordNgrams(new WordNgrams(2, 100));
        assertEquals(Map.of("word_ngrams", "2", "buckets", "100"), bigrams.features());
        assertEquals(new WordNgrams(2, 100), bigrams.wordNgrams());
        assertEquals(List.of("a", "b"), found.create(bigrams).tokenize("A b"));
    }

    @Test
    void basicEnglishRefusesSettings() {
        PipelineSpec spec = new PipelineSpec("basic_english", Map.of("lowercase", "false"), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> found.create(spec));
        assertEquals("tokenizer basic_english takes no settings, got [lowercase]", e.getMessage());
    }

    @Test
    void twoProvidersOfOneNameAreRefusedNamingWhereEachCameFrom() {
        PluginException e = assertThrows(PluginException.class,
                () -> new Tokenizers(List.of(new BasicEnglishTokenizerFactory(), factory("basic_english", null))));
        assertTrue(e.getMessage().startsWith("two tokenizers are named 'basic_english': "
                + BasicEnglishTokenizerFactory.class.getName() + " from "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; remove or rename one"), e.getMessage());
    }

    @Test
    void aProviderWithoutANameIsRefusedNamingIt() {
        PluginException e = assertThrows(PluginException.class, () -> new Tokenizers(List.of(factory(" ", null))));
        assertTrue(e.getMessage().startsWith("the tokenizer " + TokenizersTest.class.getName()), e.getMessage());
        assertTrue(e.getMessage().endsWith(" has no name: its TokenizerFactory.name() must give one"), e.getMessage());
    }

    @Test
    void aFactoryThatFailsIsNamedWithTheCause() {
        Tokenizers broken = new Tokenizers(List.of(factory("lower_words", new IllegalStateException("no dictionary"))));
        PluginException e = assertThrows(PluginException.class,
                () -> broken.create(PipelineSpec.tokenizer("lower_words")));
        assertTrue(e.getMessage().startsWith("tokenizer 'lower_words' (" + TokenizersTest.class.getName()),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(") failed to start: java.lang.IllegalStateException: no dictionary"),
                e.getMessage());
    }

    /** A factory of {@code name} whose {@code create} throws {@code failure} when there is one. */
    private static TokenizerFactory factory(String name, RuntimeException failure) {
        return new TokenizerFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "a test factory";
            }

            @Override
            public Tokenizer create(Map<String, String> settings) {
                if (failure != null) {
                    throw failure;
                }
                return text -> List.of(text);
            }
        };
    }

    @Test
    void aPipelineDescribesItselfInOneLineAndSortsItsSettings() {
        PipelineSpec spec = new PipelineSpec("char_trigrams", Map.of("z", "1", "a", "2"), Map.of("ngrams", "2"));
        assertEquals("char_trigrams {a=2, z=1}, features {ngrams=2}", spec.describe());
        assertEquals("basic_english", PipelineSpec.tutorial().describe());
    }
}
