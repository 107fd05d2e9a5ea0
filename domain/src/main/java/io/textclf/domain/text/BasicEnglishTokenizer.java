package io.textclf.domain.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * torchtext's {@code get_tokenizer("basic_english")}.
 *
 * <p>torchtext lowercases the line, then applies these regex substitutions in order:
 * {@code '} to {@code " '  "}, {@code "} removed, {@code .} to {@code " . "}, {@code <br />} to
 * {@code " "}, {@code ,} {@code (} {@code )} {@code !} {@code ?} padded with spaces, {@code ;} and
 * {@code :} to a space, whitespace runs to one space, and splits on whitespace. This class does the
 * same in one pass: double quotes are dropped first (so {@code <br "/>} still forms a line break, as
 * in torchtext), then every padded character becomes a token of its own and {@code <br />},
 * {@code ;}, {@code :} and whitespace (Python's definition) end the current token. Surrogate pairs
 * are never punctuation or whitespace, so scanning UTF-16 units is exact. Lower-casing uses Java's
 * root locale, which equals Python's {@code str.lower()} except for capital sigma: that one follows
 * Python's Final_Sigma rule here.
 */
public final class BasicEnglishTokenizer implements Tokenizer {

    /** The name torchtext gives this tokenizer, stored in model files. */
    public static final String NAME = "basic_english";

    private static final String LINE_BREAK = "<br />";
    private static final char CAPITAL_SIGMA = '\u03A3';

    @Override
    public List<String> tokenize(String text) {
        String line = lowerCase(text);
        if (line.indexOf('"') >= 0) {
            line = line.replace("\"", "");
        }
        List<String> tokens = new ArrayList<>();
        int start = 0;
        int i = 0;
        int length = line.length();
        while (i < length) {
            char c = line.charAt(i);
            if (c == '<' && line.startsWith(LINE_BREAK, i)) {
                addToken(line, start, i, tokens);
                i += LINE_BREAK.length();
                start = i;
            } else if (isPaddedPunctuation(c)) {
                addToken(line, start, i, tokens);
                tokens.add(String.valueOf(c));
                start = ++i;
            } else if (c == ';' || c == ':' || isPythonWhitespace(c)) {
                addToken(line, start, i, tokens);
                start = ++i;
            } else {
                i++;
            }
        }
        addToken(line, start, length, tokens);
        return tokens;
    }

    /** Python's {@code str.lower()}: a fast path for ASCII, else Java's root-locale lower case with Python's sigma. */
    private static String lowerCase(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                String lower = text.toLowerCase(Locale.ROOT);
                return text.indexOf(CAPITAL_SIGMA) < 0 ? lower : pythonSigmas(text, lower);
            }
            if (c >= 'A' && c <= 'Z') {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = (char) (c + ('a' - 'A'));
            }
        }
        return chars == null ? text : new String(chars);
    }

    /**
     * Redoes the sigmas of {@code lower}, Java's lower case of {@code text}: Python (and Unicode's
     * Final_Sigma condition) makes capital sigma final when a cased letter comes before it and none after
     * it, skipping case-ignorable characters such as {@code '}, {@code .}, {@code :} and combining marks;
     * Java judges by word boundaries instead, so they disagree on e.g. {@code "Α:Σ"}. Every other
     * character lower-cases to one code point except {@code U+0130}, to two chars, which the offset tracks.
     */
    private static String pythonSigmas(String text, String lower) {
        StringBuilder result = new StringBuilder(lower);
        int shift = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == CAPITAL_SIGMA) {
                result.setCharAt(i + shift, isFinalSigma(text, i) ? '\u03C2' : '\u03C3');
            } else if (c == '\u0130') {
                shift++;
            }
        }
        return result.toString();
    }

    private static boolean isFinalSigma(String text, int index) {
        int before = -1;
        for (int j = index; j > 0; ) {
            int cp = text.codePointBefore(j);
            if (!isCaseIgnorable(cp)) {
                before = cp;
                break;
            }
            j -= Character.charCount(cp);
        }
        if (before < 0 || !isCased(before)) {
            return false;
        }
        for (int j = index + 1; j < text.length(); ) {
            int after = text.codePointAt(j);
            if (!isCaseIgnorable(after)) {
                return !isCased(after);
            }
            j += Character.charCount(after);
        }
        return true;
    }

    /** Unicode's Cased: Lowercase, Uppercase or a titlecase letter. */
    static boolean isCased(int cp) {
        return Character.isLowerCase(cp) || Character.isUpperCase(cp)
                || Character.getType(cp) == Character.TITLECASE_LETTER;
    }

    /** Unicode's Case_Ignorable: Word_Break MidLetter, MidNumLet or Single_Quote, or Mn, Me, Cf, Lm, Sk. */
    static boolean isCaseIgnorable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.FORMAT,
                    Character.MODIFIER_LETTER, Character.MODIFIER_SYMBOL -> true;
            default -> switch (cp) {
                case 0x27, 0x2E, 0x3A, 0xB7, 0x387, 0x55F, 0x5F4, 0x2018, 0x2019, 0x2024, 0x2027, 0xFE13, 0xFE52,
                        0xFE55, 0xFF07, 0xFF0E, 0xFF1A -> true;
                default -> false;
            };
        };
    }

    private static void addToken(String line, int start, int end, List<String> tokens) {
        if (end > start) {
            tokens.add(line.substring(start, end));
        }
    }

    private static boolean isPaddedPunctuation(char c) {
        return c == '\'' || c == '.' || c == ',' || c == '(' || c == ')' || c == '!' || c == '?';
    }

    /** Python's {@code str.isspace()}: Java's whitespace plus NEL and the no-break spaces. */
    static boolean isPythonWhitespace(char c) {
        return Character.isWhitespace(c) || c == 0x85 || c == 0xA0 || c == 0x2007 || c == 0x202F;
    }
}
