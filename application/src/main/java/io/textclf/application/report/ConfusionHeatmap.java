package io.textclf.application.report;

import java.util.List;
import java.util.Locale;

/**
 * The confusion matrix as an SVG heatmap: rows are the actual classes, columns the predicted ones;
 * a cell's colour is its share of the row (recall on the diagonal), its text the count wherever the
 * count fits in the cell (every count in its tooltip).
 */
final class ConfusionHeatmap {

    /** The smallest legible count, in pixels. */
    private static final double MIN_COUNT_FONT = 7;
    /** A digit's width as a share of the font size. */
    private static final double DIGIT_WIDTH = 0.62;

    private ConfusionHeatmap() {
    }

    static String svg(List<String> labels, long[][] confusion) {
        int classes = labels.size();
        int cell = Math.max(12, Math.min(56, 760 / Math.max(1, classes)));
        int labelWidth = 12 + 7 * Math.min(24, labels.stream().mapToInt(String::length).max().orElse(4));
        int left = labelWidth + 24;
        int top = labelWidth + 12;
        int size = cell * classes;
        int width = Math.max(left + size + 20, left + 11 * 16 + 220);
        int height = top + size + 40;
        boolean allCounts = cell >= 26;
        double countFont = Math.min(12, Math.max(MIN_COUNT_FONT, cell * 0.45));
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                + "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"confusion matrix\">", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<text class=\"axis-label\" text-anchor=\"middle\" x=\"%d\" y=\"14\">predicted</text>",
                left + size / 2));
        svg.append(String.format(Locale.ROOT, "<text class=\"axis-label\" text-anchor=\"middle\" transform=\"translate(12 %d) "
                + "rotate(-90)\">actual</text>", top + size / 2));
        int fontSize = Math.max(8, Math.min(12, cell - 2));
        for (int c = 0; c < classes; c++) {
            String name = Html.escape(shorten(labels.get(c)));
            svg.append(String.format(Locale.ROOT, "<text class=\"class-label\" font-size=\"%d\" text-anchor=\"end\" x=\"%d\" y=\"%d\">%s</text>",
                    fontSize, left - 6, top + c * cell + cell / 2 + fontSize / 3, name));
            int x = left + c * cell + cell / 2;
            svg.append(String.format(Locale.ROOT, "<text class=\"class-label\" font-size=\"%d\" text-anchor=\"start\" "
                    + "transform=\"translate(%d %d) rotate(-55)\">%s</text>", fontSize, x + fontSize / 3, top - 6, name));
        }
        for (int actual = 0; actual < classes; actual++) {
            long rowSum = 0;
            for (long count : confusion[actual]) {
                rowSum += count;
            }
            for (int predicted = 0; predicted < classes; predicted++) {
                long count = confusion[actual][predicted];
                double share = rowSum == 0 ? 0 : (double) count / rowSum;
                int x = left + predicted * cell;
                int y = top + actual * cell;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" "
                        + "class=\"cell%s\"><title>actual %s, predicted %s: %d (%.1f%% of the row)</title></rect>", x, y, cell,
                        cell, color(share), actual == predicted ? " diagonal" : "", Html.escape(labels.get(actual)),
                        Html.escape(labels.get(predicted)), count, 100 * share));
                if ((allCounts || count > 0) && fits(count, countFont, cell)) {
                    svg.append(String.format(Locale.ROOT, "<text class=\"count\" text-anchor=\"middle\" x=\"%d\" y=\"%s\" "
                            + "fill=\"%s\" font-size=\"%s\">%d</text>", x + cell / 2,
                            Html.coordinate(y + cell / 2.0 + countFont / 3), share > 0.5 ? "#ffffff" : "#1b1f24",
                            Html.coordinate(countFont), count));
                }
            }
        }
        // colour scale
        int legendY = top + size + 16;
        for (int i = 0; i <= 10; i++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"16\" height=\"10\" fill=\"%s\"/>",
                    left + i * 16, legendY, color(i / 10.0)));
        }
        svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%d\">0%% \u2192 100%% of the actual class</text>",
                left + 11 * 16 + 8, legendY + 9));
        return svg.append("</svg>").toString();
    }

    /**
     * Whether {@code count} written at {@code font} pixels fits in a cell {@code cell} pixels wide: counts
     * stay visible in print and PDF wherever they are legible, not only in tooltips.
     */
    static boolean fits(long count, double font, int cell) {
        return font >= MIN_COUNT_FONT && Long.toString(count).length() * DIGIT_WIDTH * font <= cell - 2;
    }

    /** White to deep blue. */
    private static String color(double share) {
        double t = Math.sqrt(Math.max(0, Math.min(1, share)));
        int r = (int) Math.round(247 + (8 - 247) * t);
        int g = (int) Math.round(251 + (48 - 251) * t);
        int b = (int) Math.round(255 + (107 - 255) * t);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    private static String shorten(String label) {
        return label.length() <= 24 ? label : label.substring(0, 23) + "\u2026";
    }
}
