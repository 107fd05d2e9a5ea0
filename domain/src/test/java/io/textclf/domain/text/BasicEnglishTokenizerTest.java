package io.textclf.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tokenizer against torchtext's {@code _basic_english_normalize}. Every expected row was printed by
 * {@code src/test/python/basic_english_reference.py} (torchtext's regexes run by CPython 3.11); rerun it to
 * regenerate them.
 */
class BasicEnglishTokenizerTest {

    /** Code points for which Python's {@code str.isspace()} is true (Unicode 14, CPython 3.11). */
    private static final int[] PYTHON_WHITESPACE = {
            0x9, 0xA, 0xB, 0xC, 0xD, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680, 0x2000,
            0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028,
            0x2029, 0x202F, 0x205F, 0x3000};

    private final BasicEnglishTokenizer tokenizer = new BasicEnglishTokenizer();

    static Stream<Arguments> cases() {
        return Stream.of(
                row("don't", "don", "'", "t"),
                row("It's John's", "it", "'", "s", "john", "'", "s"),
                row("'quoted' rock 'n' roll", "'", "quoted", "'", "rock", "'", "n", "'", "roll"),
                row("He said \"hi\" and \"bye\"", "he", "said", "hi", "and", "bye"),
                row("\"\""),
                row("''", "'", "'"),
                row("line<br />break", "line", "break"),
                row("LINE<BR />BREAK", "line", "break"),
                row("a<br \"/>b", "a", "b"),
                row("a<\"br />b", "a", "b"),
                row("a<br/>b", "a<br/>b"),
                row("a<br  />b", "a<br", "/>b"),
                row("a<br\t/>b", "a<br", "/>b"),
                row("<br /><br />"),
                row("<br <br />x", "<br", "x"),
                row("a<br '/>b", "a<br", "'", "/>b"),
                row("$5 or $3.14!", "$5", "or", "$3", ".", "14", "!"),
                row("3.14", "3", ".", "14"),
                row("U.S. economy", "u", ".", "s", ".", "economy"),
                row("1,000,000 units", "1", ",", "000", ",", "000", "units"),
                row("e.g...", "e", ".", "g", ".", ".", "."),
                row("Q3-2004 AT&T's #1 @home", "q3-2004", "at&t", "'", "s", "#1", "@home"),
                row("a;b:c", "a", "b", "c"),
                row("10:30; noon", "10", "30", "noon"),
                row("(parens) f(x)", "(", "parens", ")", "f", "(", "x", ")"),
                row("What!?", "what", "!", "?"),
                row("wow!!! why??", "wow", "!", "!", "!", "why", "?", "?"),
                row("Hello, World.", "hello", ",", "world", "."),
                row("Caf\u00E9 Cr\u00E8me \u00C9T\u00C9", "caf\u00E9", "cr\u00E8me", "\u00E9t\u00E9"),
                row("\u5317\u4EAC\u6B22\u8FCE\u4F60 \u6771\u4EAC", "\u5317\u4EAC\u6B22\u8FCE\u4F60", "\u6771\u4EAC"),
                row("\u0130stanbul", "i\u0307stanbul"),
                row("STRASSE stra\u00DFe \u1E9E", "strasse", "stra\u00DFe", "\u00DF"),
                row("\u01C4EMAL \u01C5emal", "\u01C6emal", "\u01C6emal"),
                row("\u212A Kelvin", "k", "kelvin"),
                row("\u039F\u0394\u039F\u03A3 \u03A3\u039F\u03A6\u0399\u0391", "\u03BF\u03B4\u03BF\u03C2", "\u03C3\u03BF\u03C6\u03B9\u03B1"),
                row("emoji \uD83D\uDE00! \uD801\uDC00", "emoji", "\uD83D\uDE00", "!", "\uD801\uDC28"),
                row("a\u00A0b", "a", "b"),
                row("a\u0085b", "a", "b"),
                row("a\u2007b", "a", "b"),
                row("a\u202Fb", "a", "b"),
                row("a\u3000b\u2028c\u2029d", "a", "b", "c", "d"),
                row("a\u001Cb\u001Fc", "a", "b", "c"),
                row("a\u200Bb\uFEFFc", "a\u200Bb\uFEFFc"),
                row("tab\there\nnew\r\nline\u000Bx\u000Cy", "tab", "here", "new", "line", "x", "y"),
                row(""),
                row("   "),
                row("\t\n\r "),
                row("\u00A0\u0085\u2007"),
                row(".", "."),
                row(";:"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void tokenizesAsTorchtext(String text, List<String> expected) {
        assertEquals(expected, tokenizer.tokenize(text));
    }

    @Test
    void whitespaceIsExactlyPythonsIsspace() {
        assertTrue(PYTHON_WHITESPACE[PYTHON_WHITESPACE.length - 1] <= Character.MAX_VALUE,
                "Python has no whitespace outside the BMP, so checking UTF-16 units is enough");
        List<String> disagreements = new ArrayList<>();
        for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
            boolean python = Arrays.binarySearch(PYTHON_WHITESPACE, c) >= 0;
            if (python != BasicEnglishTokenizer.isPythonWhitespace((char) c)) {
                disagreements.add("U+" + Integer.toHexString(c));
            }
        }
        assertEquals(List.of(), disagreements);
    }

    @Test
    void runsOfMixedSeparatorsLeaveNoEmptyTokens() {
        String text = " \u00a0a..b  <br />\t(c)\u0085;; d ";
        assertEquals(List.of("a", ".", ".", "b", "(", "c", ")", "d"), tokenizer.tokenize(text));
    }

    private static Arguments row(String text, String... tokens) {
        return Arguments.of(text, List.of(tokens));
    }
}
