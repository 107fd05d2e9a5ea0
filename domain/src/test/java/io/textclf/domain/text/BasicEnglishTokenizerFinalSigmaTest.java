package io.textclf.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Capital sigma lowercases as Python's {@code str.lower()} does: final {@code ς} exactly in Unicode's
 * Final_Sigma context, where case-ignorable characters such as {@code :}, {@code .}, {@code '} and
 * combining marks are skipped and double quotes are still present. Java's {@code String.toLowerCase}
 * judges that context by word boundaries and gets these rows wrong. Rows printed by
 * {@code src/test/python/basic_english_reference.py}.
 */
class BasicEnglishTokenizerFinalSigmaTest {

    private final BasicEnglishTokenizer tokenizer = new BasicEnglishTokenizer();

    static Stream<Arguments> finalSigmaCases() {
        return Stream.of(
                row("\u039F\u0394\u039F\u03A3.", "\u03BF\u03B4\u03BF\u03C2", "."),
                row("\u0391:\u03A3", "\u03B1", "\u03C2"),
                row("\u0391.\u03A3", "\u03B1", ".", "\u03C2"),
                row("'\uD801\uDC00\u03A3", "'", "\uD801\uDC28\u03C2"),
                row("\uD801\uDC00\u03A3", "\uD801\uDC28\u03C2"),
                row("a\"\u03A3\uD83D\uDE00", "a\u03C3\uD83D\uDE00"),
                row("a\"\u03A3b", "a\u03C3b"),
                row("\u0391\u03A3.\u0391", "\u03B1\u03C3", ".", "\u03B1"),
                row("\u0391\u03A3'\u0391", "\u03B1\u03C3", "'", "\u03B1"),
                row("\u03A3(\u0391", "\u03C3", "(", "\u03B1"),
                row("\u0391\u03A3\u0345", "\u03B1\u03C2\u0345"),
                row("\u0391\u03A3\u00B7\u0391", "\u03B1\u03C3\u00B7\u03B1"),
                row("\u0391\u02B0\u03A3!", "\u03B1\u02B0\u03C2", "!"),
                row("\u0391\u03A3\u200B\u0391", "\u03B1\u03C3\u200B\u03B1"),
                row("\u0391\uD834\uDD67\u03A3", "\u03B1\uD834\uDD67\u03C2"),
                row("\u0391\u03A3\uDB40\uDC41\u0391", "\u03B1\u03C3\uDB40\uDC41\u03B1"),
                row("\u0130\u03A3 \u03A3\u0130\u03A3", "i\u0307\u03C2", "\u03C3i\u0307\u03C2"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("finalSigmaCases")
    void lowercasesSigmaAsPython(String text, List<String> expected) {
        assertEquals(expected, tokenizer.tokenize(text));
    }

    private static Arguments row(String text, String... tokens) {
        return Arguments.of(text, List.of(tokens));
    }
}
