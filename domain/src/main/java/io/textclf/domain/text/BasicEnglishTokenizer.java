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
 * root locale, which equals Python's {@code str.lower()} for ASCII and nearly all other text.
 */
public final class BasicEnglishTokenizer implements Tokenizer {

    /** The name torchtext gives this tokenizer, stored in model files. */
    public static final String NAME = "basic_english";

    private static final String LINE_BREAK = "<br />";

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

    /** Python's {@code str.lower()} for the common case of ASCII text, else Java's root-locale lower case. */
    private static String lowerCase(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return text.toLowerCase(Locale.ROOT);
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
