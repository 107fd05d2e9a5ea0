package io.textclf.domain.data;

/**
 * fastText's line layout: one document per line, {@code __label__NAME} then the text. fastText takes every
 * token that starts with {@code __label__} as a label of its line; textclf trains one label per document, so a
 * line that names a second one is malformed rather than read with the second label as a word.
 */
public final class FastTextLine {

    public static final String PREFIX = "__label__";

    private FastTextLine() {
    }

    /** The name of the label that {@code line} starts with, or null when it starts with none. */
    public static String label(String line) {
        if (!line.startsWith(PREFIX)) {
            return null;
        }
        int end = tokenEnd(line, PREFIX.length());
        return end == PREFIX.length() ? null : line.substring(PREFIX.length(), end);
    }

    /** The text after {@code label}, the label {@code line} starts with, without surrounding whitespace. */
    public static String text(String line, String label) {
        return line.substring(PREFIX.length() + label.length()).strip();
    }

    /**
     * What is wrong with {@code line}, or null when it is one label and a text.
     *
     * @param label the label it starts with, {@link #label(String)}'s answer
     */
    public static String problem(String line, String label) {
        if (label == null) {
            return "expected a line starting with " + PREFIX + "NAME";
        }
        for (int at = line.indexOf(PREFIX, PREFIX.length()); at >= 0; at = line.indexOf(PREFIX, at + 1)) {
            int nameEnd = tokenEnd(line, at + PREFIX.length());
            if (Character.isWhitespace(line.charAt(at - 1)) && nameEnd > at + PREFIX.length()) {
                return "a second label, '" + line.substring(at + PREFIX.length(), nameEnd) + "', after '" + label
                        + "': textclf trains one label per document";
            }
        }
        return null;
    }

    private static int tokenEnd(String line, int from) {
        int end = from;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
            end++;
        }
        return end;
    }
}
