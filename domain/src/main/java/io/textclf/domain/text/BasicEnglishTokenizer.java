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
     * Each thread's buffers, reused from one call to the next (texts up to {@link #SCRATCH_CHARS} long);
     * taken out while in use, so a sink that tokenizes again gets others.
     */
    private static final ThreadLocal<Buffers[]> SCRATCH = ThreadLocal.withInitial(() -> new Buffers[1]);
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
        Buffers[] scratch = SCRATCH.get();
        Buffers buffers = scratch[0] != null ? scratch[0] : new Buffers();
        scratch[0] = null;
        try {
            char[] line = buffers.line(length);
            text.getChars(0, length, line, 0);
            int kept = lowerCaseAsciiWithoutQuotes(line, length);
            if (kept < 0) {
                String lower = lowerCase(text);
                String unquoted = lower.indexOf('"') >= 0 ? lower.replace("\"", "") : lower;
                emitAll(unquoted.toCharArray(), unquoted.length(), buffers.bounds(unquoted.length()), sink);
                return;
            }
            emitAll(line, kept, buffers.bounds(kept), sink);
        } finally {
            if (buffers.line.length <= SCRATCH_CHARS) {
                scratch[0] = buffers;
            }
        }
    }

    /** A thread's lower-cased text and the bounds of its tokens. */
    private static final class Buffers {
        private char[] line = new char[0];
        private int[] bounds = new int[0];

        char[] line(int length) {
            if (line.length < length) {
                line = new char[length];
            }
            return line;
        }

        /** Room for the bounds of the tokens of a text of {@code length} characters. */
        int[] bounds(int length) {
            if (bounds.length < 2 * length + 2) {
                bounds = new int[2 * length + 2];
            }
            return bounds;
        }
    }

    /**
     * Lower-cases ASCII {@code line[0 .. length)} in place and drops its double quotes; returns how many
     * characters are kept, or -1 (and the line half done) when it holds a non-ASCII character.
     */
    private static int lowerCaseAsciiWithoutQuotes(char[] line, int length) {
        int kept = 0;
        for (int i = 0; i < length; i++) {
            char c = line[i];
            if (c >= 0x80) {
                return -1;
            }
            if (c != '"') {
                line[kept++] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            }
        }
        return kept;
    }

    /**
     * Hands the tokens of the lower-cased, unquoted {@code line[0 .. length)} to {@code sink}. The split
     * ({@link #scan}) knows no sink, so that the compiler makes one version of it whatever sinks are used.
     */
    private static void emitAll(char[] line, int length, int[] bounds, TokenSink sink) {
        int count = scan(line, length, bounds);
        for (int b = 0; b < count; b += 2) {
            sink.token(line, bounds[b], bounds[b + 1]);
        }
    }

    /**
     * Splits {@code line[0 .. length)} into tokens: the start and end of each, in order, into {@code bounds}
     * (room for {@code 2 * length + 2} values); returns how many values were written.
     */
    private static int scan(char[] line, int length, int[] bounds) {
        int count = 0;
        int start = 0;
        int i = 0;
        while (i < length) {
            char c = line[i];
            int kind = c < ASCII_KINDS.length ? ASCII_KINDS[c] : isPythonWhitespace(c) ? SEPARATOR : WORD;
            if (kind == WORD) {
                i++;
            } else if (kind == OPENING_ANGLE) {
                if (isLineBreak(line, i, length)) {
                    count = bound(bounds, count, start, i);
                    i += LINE_BREAK.length();
                    start = i;
                } else {
                    i++;
                }
            } else if (kind == PADDED) {
                count = bound(bounds, count, start, i);
                count = bound(bounds, count, i, i + 1);
                start = ++i;
            } else {
                count = bound(bounds, count, start, i);
                start = ++i;
            }
        }
        return bound(bounds, count, start, length);
    }

    /** Records the token {@code [start, end)} when it is not empty; returns the new count of values. */
    private static int bound(int[] bounds, int count, int start, int end) {
        if (end <= start) {
            return count;
        }
        bounds[count] = start;
        bounds[count + 1] = end;
        return count + 2;
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
