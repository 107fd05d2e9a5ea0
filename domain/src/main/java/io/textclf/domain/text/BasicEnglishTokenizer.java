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
 * {@code ;}, {@code :} and whitespace (Python's definition) end the current token. ASCII text takes
 * a path that makes no intermediate string ({@link #tokenize(String, TokenSink)}). Surrogate pairs
 * are never punctuation or whitespace, so scanning UTF-16 units is exact. Lower-casing uses Java's
 * root locale, which equals Python's {@code str.lower()} except for capital sigma: that one follows
 * Python's Final_Sigma rule here.
 */
public final class BasicEnglishTokenizer implements Tokenizer {

    /** The name torchtext gives this tokenizer, stored in model files. */
    public static final String NAME = "basic_english";

    private static final String LINE_BREAK = "<br />";
    private static final char CAPITAL_SIGMA = '\u03A3';
    /** What a character does in the scan: part of a token, a token of its own, the end of a token, maybe a line break. */
    private static final byte WORD = 0;
    private static final byte PADDED = 1;
    private static final byte SEPARATOR = 2;
    private static final byte OPENING_ANGLE = 3;
    private static final byte[] ASCII_KINDS = asciiKinds();
    /**
     * Each thread's buffer for the lower-cased text, reused from one call to the next (texts up to
     * {@link #SCRATCH_CHARS} long); taken out while in use, so a sink that tokenizes again gets another.
     */
    private static final ThreadLocal<char[][]> SCRATCH = ThreadLocal.withInitial(() -> new char[1][]);
    private static final int SCRATCH_CHARS = 1 << 16;

    @Override
    public List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        tokenize(text, (chars, start, end) -> tokens.add(new String(chars, start, end - start)));
        return tokens;
    }

    /**
     * The same tokens as {@link #tokenize(String)}. ASCII text (nearly every row of the shared
     * datasets) is lower-cased and stripped of double quotes in one pass over a character buffer and
     * no string is made; other text goes through Python's lower case first. Both then run the same scan.
     */
    @Override
    public void tokenize(String text, TokenSink sink) {
        int length = text.length();
        char[][] scratch = SCRATCH.get();
        char[] line = scratch[0] != null && scratch[0].length >= length ? scratch[0] : new char[length];
        scratch[0] = null;
        try {
            int kept = 0;
            for (int i = 0; i < length; i++) {
                char c = text.charAt(i);
                if (c >= 0x80) {
                    String lower = lowerCase(text);
                    String unquoted = lower.indexOf('"') >= 0 ? lower.replace("\"", "") : lower;
                    scan(unquoted.toCharArray(), unquoted.length(), sink);
                    return;
                }
                if (c != '"') {
                    line[kept++] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
                }
            }
            scan(line, kept, sink);
        } finally {
            if (line.length <= SCRATCH_CHARS) {
                scratch[0] = line;
            }
        }
    }

    /** Splits the lower-cased, unquoted {@code line[0 .. length)} into tokens. */
    private static void scan(char[] line, int length, TokenSink sink) {
        int start = 0;
        int i = 0;
        while (i < length) {
            char c = line[i];
            int kind = c < ASCII_KINDS.length ? ASCII_KINDS[c] : isPythonWhitespace(c) ? SEPARATOR : WORD;
            if (kind == WORD) {
                i++;
            } else if (kind == OPENING_ANGLE) {
                if (isLineBreak(line, i, length)) {
                    emit(line, start, i, sink);
                    i += LINE_BREAK.length();
                    start = i;
                } else {
                    i++;
                }
            } else if (kind == PADDED) {
                emit(line, start, i, sink);
                sink.token(line, i, i + 1);
                start = ++i;
            } else {
                emit(line, start, i, sink);
                start = ++i;
            }
        }
        emit(line, start, length, sink);
    }

    private static boolean isLineBreak(char[] line, int at, int length) {
        if (at + LINE_BREAK.length() > length) {
            return false;
        }
        for (int k = 0; k < LINE_BREAK.length(); k++) {
            if (line[at + k] != LINE_BREAK.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static void emit(char[] line, int start, int end, TokenSink sink) {
        if (end > start) {
            sink.token(line, start, end);
        }
    }

    /** Python's {@code str.lower()}: Java's root-locale lower case with Python's sigma. */
    private static String lowerCase(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return text.indexOf(CAPITAL_SIGMA) < 0 ? lower : pythonSigmas(text, lower);
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

    private static boolean isPaddedPunctuation(char c) {
        return c == '\'' || c == '.' || c == ',' || c == '(' || c == ')' || c == '!' || c == '?';
    }

    private static byte[] asciiKinds() {
        byte[] kinds = new byte[0x80];
        for (char c = 0; c < kinds.length; c++) {
            if (c == '<') {
                kinds[c] = OPENING_ANGLE;
            } else if (isPaddedPunctuation(c)) {
                kinds[c] = PADDED;
            } else if (c == ';' || c == ':' || isPythonWhitespace(c)) {
                kinds[c] = SEPARATOR;
            }
        }
        return kinds;
    }

    /** Python's {@code str.isspace()}: Java's whitespace plus NEL and the no-break spaces. */
    static boolean isPythonWhitespace(char c) {
        return Character.isWhitespace(c) || c == 0x85 || c == 0xA0 || c == 0x2007 || c == 0x202F;
    }
}
