package io.textclf.application.report;

import java.util.Locale;

/** Escaping and number formatting for the report's HTML and SVG. */
final class Html {

    private Html() {
    }

    /** {@code text} safe inside an element or a double-quoted attribute. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A coordinate with two decimals. */
    static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** A score with four decimals, or an en dash when unknown. */
    static String score(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "\u2013";
    }

    /** A learning rate or other quantity of any magnitude, four significant digits. */
    static String general(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4g", value) : "\u2013";
    }
}
