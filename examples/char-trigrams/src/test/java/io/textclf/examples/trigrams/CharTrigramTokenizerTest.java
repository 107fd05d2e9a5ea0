package io.textclf.examples.trigrams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.text.Tokenizers;
import java.util.List;
import org.junit.jupiter.api.Test;

class CharTrigramTokenizerTest {

    @Test
    void wordsBecomePaddedTrigrams() {
        assertEquals(List.of("<ca", "cat", "at>", "<a>", "<é1", "é1>"),
                new CharTrigramTokenizer().tokenize("Cat, a É1!"));
        assertEquals(List.of(), new CharTrigramTokenizer().tokenize(" ,; "));
    }

    @Test
    void theServiceLoaderFindsItByName() {
        Tokenizers tokenizers = Tokenizers.load(getClass().getClassLoader());
        assertEquals(List.of("<hi", "hi>"), tokenizers.create(PipelineSpec.tokenizer("char_trigrams")).tokenize("Hi"));
    }
}
