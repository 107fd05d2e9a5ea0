package io.textclf.spark.data;

/** fastText's line layout, {@code __label__NAME text}: only the first label of a line counts. */
final class FastTextLine {

    static final String PREFIX = "__label__";

    private FastTextLine() {
    }

    /** The first label's name, or null when the line does not start with one. */
    static String label(String line) {
        if (!line.startsWith(PREFIX)) {
            return null;
        }
        int end = PREFIX.length();
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
            end++;
        }
        return end == PREFIX.length() ? null : line.substring(PREFIX.length(), end);
    }

    /** The text after the label. */
    static String text(String line, String label) {
        return line.substring(PREFIX.length() + label.length()).strip();
    }
}
