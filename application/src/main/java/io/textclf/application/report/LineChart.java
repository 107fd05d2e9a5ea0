package io.textclf.application.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart over epochs as a self-contained SVG element: axes with rounded ticks, one polyline
 * with point markers per series (each point has a tooltip), a legend, and an optional marked epoch.
 * A logarithmic y axis is used when asked and all values are positive.
 */
final class LineChart {

    /** One line: its name, colour and one value per epoch (NaN for none). */
    record Series(String name, String color, double[] values, boolean dashed) {
    }

    private static final int WIDTH = 540;
    private static final int HEIGHT = 300;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 40;
    private static final int BOTTOM = 44;

    private final String title;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean logarithmic;
    private boolean legend = true;
    private int markedEpoch;
    private String markLabel = "";

    LineChart(String title, String yLabel) {
        this.title = title;
        this.yLabel = yLabel;
    }

    LineChart add(Series line) {
        series.add(line);
        return this;
    }

    LineChart logarithmic(boolean value) {
        this.logarithmic = value;
        return this;
    }

    /** Whether the chart draws its own legend (a page with one shared legend turns it off). */
    LineChart legend(boolean value) {
        this.legend = value;
        return this;
    }

    LineChart mark(int epoch, String label) {
        this.markedEpoch = epoch;
        this.markLabel = label;
        return this;
    }

    String svg() {
        int epochs = series.stream().mapToInt(s -> s.values().length).max().orElse(0);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                + "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">", WIDTH, HEIGHT, WIDTH, HEIGHT, Html.escape(title)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" class=\"chart-title\">%s</text>", LEFT, Html.escape(title)));
        if (epochs == 0 || min > max) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"empty\">no data</text></svg>", WIDTH / 2 - 30,
                    HEIGHT / 2));
            return svg.toString();
        }
        boolean log = logarithmic && min > 0 && max / min > 20;
        Scale y = log ? Scale.logarithmic(min, max) : Scale.linear(min, max);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        java.util.function.IntToDoubleFunction xOf = epoch -> LEFT + (epochs == 1 ? plotWidth / 2
                : (epoch - 1) * plotWidth / (epochs - 1));
        java.util.function.DoubleUnaryOperator yOf = v -> TOP + plotHeight * (1 - y.fraction(v));
        // grid and y ticks
        for (double tick : y.ticks()) {
            double py = yOf.applyAsDouble(tick);
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(Html.coordinate(py)).append("\" y2=\"").append(Html.coordinate(py)).append("\"/>");
            svg.append("<text class=\"tick\" text-anchor=\"end\" x=\"").append(LEFT - 6).append("\" y=\"")
                    .append(Html.coordinate(py + 4)).append("\">").append(y.label(tick)).append("</text>");
        }
        // x ticks: every epoch up to 20, else about 10 of them
        int step = Math.max(1, (int) Math.ceil(epochs / 10.0));
        for (int epoch = 1; epoch <= epochs; epoch += epochs <= 20 ? 1 : step) {
            double px = xOf.applyAsDouble(epoch);
            svg.append("<text class=\"tick\" text-anchor=\"middle\" x=\"").append(Html.coordinate(px)).append("\" y=\"")
                    .append(HEIGHT - BOTTOM + 16).append("\">").append(epoch).append("</text>");
        }
        svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>", LEFT,
                WIDTH - RIGHT, HEIGHT - BOTTOM, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>", LEFT, LEFT,
                TOP, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<text class=\"axis-label\" text-anchor=\"middle\" x=\"%s\" y=\"%d\">epoch</text>",
                Html.coordinate(LEFT + plotWidth / 2), HEIGHT - 8));
        svg.append(String.format(Locale.ROOT, "<text class=\"axis-label\" text-anchor=\"middle\" transform=\"translate(14 %s) "
                + "rotate(-90)\">%s%s</text>", Html.coordinate(TOP + plotHeight / 2), Html.escape(yLabel), log ? " (log)" : ""));
        if (markedEpoch >= 1 && markedEpoch <= epochs) {
            double px = xOf.applyAsDouble(markedEpoch);
            svg.append("<line class=\"mark\" x1=\"").append(Html.coordinate(px)).append("\" x2=\"").append(Html.coordinate(px))
                    .append("\" y1=\"").append(TOP).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\"/>");
            svg.append("<text class=\"mark-label\" text-anchor=\"middle\" x=\"").append(Html.coordinate(px)).append("\" y=\"")
                    .append(TOP - 4).append("\">").append(Html.escape(markLabel)).append("</text>");
        }
        for (Series s : series) {
            StringBuilder points = new StringBuilder();
            StringBuilder markers = new StringBuilder();
            double[] values = s.values();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i]) || (log && values[i] <= 0)) {
                    continue;
                }
                double px = xOf.applyAsDouble(i + 1);
                double py = yOf.applyAsDouble(values[i]);
                points.append(Html.coordinate(px)).append(',').append(Html.coordinate(py)).append(' ');
                markers.append("<circle cx=\"").append(Html.coordinate(px)).append("\" cy=\"").append(Html.coordinate(py))
                        .append("\" r=\"3\" fill=\"").append(s.color()).append("\"><title>").append(Html.escape(s.name()))
                        .append(", epoch ").append(i + 1).append(": ").append(Html.general(values[i]))
                        .append("</title></circle>");
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(s.color()).append("\" stroke-width=\"2\"")
                    .append(s.dashed() ? " stroke-dasharray=\"6 4\"" : "").append(" points=\"").append(points.toString().strip())
                    .append("\"/>").append(markers);
        }
        // legend: one row under the title, right-aligned, outside the plot area
        double lx = WIDTH - RIGHT;
        for (int i = legend ? series.size() - 1 : -1; i >= 0; i--) {
            Series s = series.get(i);
            lx -= 30 + 7 * s.name().length();
            svg.append("<line x1=\"").append(Html.coordinate(lx)).append("\" x2=\"").append(Html.coordinate(lx + 18))
                    .append("\" y1=\"16\" y2=\"16\" stroke=\"").append(s.color()).append("\" stroke-width=\"2\"")
                    .append(s.dashed() ? " stroke-dasharray=\"6 4\"" : "").append("/>");
            svg.append("<text class=\"legend\" x=\"").append(Html.coordinate(lx + 22)).append("\" y=\"20\">")
                    .append(Html.escape(s.name())).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    /** Maps values to [0, 1] along the y axis, and chooses round ticks. */
    private record Scale(double low, double high, boolean log, List<Double> ticks) {

        static Scale linear(double min, double max) {
            if (max - min < 1e-12) {
                double pad = Math.max(Math.abs(max) * 0.05, 1e-3);
                min -= pad;
                max += pad;
            }
            double step = niceStep((max - min) / 5);
            double low = Math.floor(min / step) * step;
            double high = Math.ceil(max / step) * step;
            List<Double> ticks = new ArrayList<>();
            for (double t = low; t <= high + step / 2; t += step) {
                ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
            }
            return new Scale(low, high, false, ticks);
        }

        static Scale logarithmic(double min, double max) {
            double low = Math.floor(Math.log10(min));
            double high = Math.ceil(Math.log10(max));
            List<Double> ticks = new ArrayList<>();
            for (double e = low; e <= high; e++) {
                ticks.add(Math.pow(10, e));
            }
            return new Scale(low, high, true, ticks);
        }

        double fraction(double value) {
            double v = log ? Math.log10(value) : value;
            return high == low ? 0.5 : (v - low) / (high - low);
        }

        String label(double tick) {
            return log || Math.abs(tick) >= 1e4 || (tick != 0 && Math.abs(tick) < 1e-3)
                    ? String.format(Locale.ROOT, "%.0e", tick).replace("e+0", "e").replace("e-0", "e-")
                    : String.format(Locale.ROOT, "%s", new java.math.BigDecimal(tick).round(new java.math.MathContext(6))
                    .stripTrailingZeros().toPlainString());
        }

        private static double niceStep(double rough) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
            double residual = rough / magnitude;
            double nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 ? 2.5 : residual <= 5 ? 5 : 10;
            return nice * magnitude;
        }
    }
}
