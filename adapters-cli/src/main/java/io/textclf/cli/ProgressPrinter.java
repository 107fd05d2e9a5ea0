package io.textclf.cli;

import io.textclf.application.progress.PhaseProgress;
import io.textclf.application.train.TrainingObserver;
import io.textclf.domain.train.BatchProgress;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.ValidationMetric;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows a run as tqdm and Keras do: every long phase (reading, vocabulary, encoding, training,
 * evaluation, saving) with its rate, elapsed time and ETA; one line per epoch with the monitored
 * metric. On a terminal ({@link Style#BAR}) a live line on stderr is redrawn in place and each phase
 * ends with its summary; piped ({@link Style#LINES}) plain lines go to the output: the tutorial's
 * {@code | epoch 1 | 500/1782 batches | accuracy 0.682} every log interval, with rate and ETA, and
 * one line per finished phase. {@link Style#NONE} shows no progress, only the stages and epoch lines.
 * A live line longer than the terminal is wide ({@code COLUMNS}, which the launcher reads from the terminal)
 * would wrap and leave a line per redraw: it drops its bar, then its end, to fit.
 */
final class ProgressPrinter implements TrainingObserver {

    /** How progress is drawn. */
    enum Style { BAR, LINES, NONE }

    private static final int BAR_WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;
    /** What parts the fields of a live line. */
    private static final String FIELD_GAP = "  ";

    private final PrintWriter out;
    private final PrintWriter err;
    private final Style style;
    private final int logInterval;
    private final ValidationMetric monitor;
    private final LongSupplier clock;
    private final int columns;
    private String phase = "";
    private long phaseStart;
    private long lastDraw;
    private int drawnWidth;
    private long lastCorrect;
    private long lastSeen;

    /**
     * @param columns the terminal's width in characters, 0 when unknown (live lines are then never cut)
     */
    ProgressPrinter(PrintWriter out, PrintWriter err, Style style, int logInterval, ValidationMetric monitor,
                    LongSupplier clock, int columns) {
        this.out = out;
        this.err = err;
        this.style = style;
        this.logInterval = logInterval;
        this.monitor = monitor;
        this.clock = clock;
        this.columns = columns;
    }

    static ProgressPrinter create(ProgressMode mode, PrintWriter out, PrintWriter err, int logInterval,
                                  ValidationMetric monitor) {
        return new ProgressPrinter(out, err, style(mode), logInterval, monitor, System::nanoTime,
                columns(System.getenv("COLUMNS")));
    }

    /** The terminal's width that {@code COLUMNS} gives, 0 when it is unset or no width. */
    static int columns(String variable) {
        try {
            return variable == null ? 0 : Math.max(0, Integer.parseInt(variable.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The style of a mode: {@code auto} draws a live line on a terminal and plain lines otherwise. */
    static Style style(ProgressMode mode) {
        return switch (mode) {
            case none -> Style.NONE;
            case bar -> Style.BAR;
            case lines -> Style.LINES;
            case auto -> System.console() != null ? Style.BAR : Style.LINES;
        };
    }

    @Override
    public void onStage(String message) {
        clearLine();
        out.println(message);
        out.flush();
    }

    @Override
    public void onWarning(String message) {
        clearLine();
        err.println("textclf: warning: " + message);
        err.flush();
    }

    @Override
    public void onProgress(PhaseProgress p) {
        long now = clock.getAsLong();
        if (p.done() == 0 || !p.phase().equals(phase)) {
            phase = p.phase();
            phaseStart = now;
        }
        double seconds = (now - phaseStart) / 1e9;
        if (style == Style.BAR && (p.finished() || now - lastDraw > REDRAW_NANOS)) {
            lastDraw = now;
            draw(String.format(Locale.ROOT, "%-10s %s %s", p.phase(), bar(p.done(), p.total()),
                    rateAndTime(p.done(), p.total(), p.unit(), seconds)));
            if (p.finished()) {
                err.println();
                drawnWidth = 0;
            }
        } else if (style == Style.LINES && p.finished()) {
            out.println(String.format(Locale.ROOT, "%-10s %s in %s, %s", p.phase(), amount(p.done(), p.unit()),
                    duration(seconds), rate(p.done(), p.unit(), seconds)));
            out.flush();
        }
    }

    @Override
    public void onBatch(BatchProgress p) {
        long now = clock.getAsLong();
        if (p.batch() == 1) {
            lastCorrect = 0;
            lastSeen = 0;
        }
        double seconds = p.epochSeconds();
        if (style == Style.LINES && p.batch() % logInterval == 0) {
            long seen = p.examplesSeen() - lastSeen;
            double accuracy = (double) (p.correct() - lastCorrect) / seen;
            out.printf(Locale.ROOT, "| epoch %3d | %5d/%5d batches | accuracy %8.3f | %s | words/sec/thread %8.0f "
                            + "| elapsed %s | ETA %s%n", p.epoch(), p.batch(), p.batchesPerEpoch(), accuracy,
                    rate(p.examplesSeen(), PhaseProgress.DOCUMENTS, seconds), p.wordsPerSecondPerThread(),
                    duration(seconds), eta(p.batch(), p.batchesPerEpoch(), seconds));
            out.flush();
            lastCorrect = p.correct();
            lastSeen = p.examplesSeen();
        }
        if (style == Style.BAR && (now - lastDraw > REDRAW_NANOS || p.batch() == p.batchesPerEpoch())) {
            lastDraw = now;
            draw(String.format(Locale.ROOT, "epoch %-4d %s %d/%d batches  ETA %s  elapsed %s  loss %.4f  acc %.3f  "
                            + "lr %.4g  %s  words/sec/thread %.0f", p.epoch(), bar(p.batch(), p.batchesPerEpoch()),
                    p.batch(), p.batchesPerEpoch(), eta(p.batch(), p.batchesPerEpoch(), seconds), duration(seconds),
                    p.meanLoss(), p.accuracy(), p.learningRate(), rate(p.examplesSeen(), PhaseProgress.DOCUMENTS,
                            seconds), p.wordsPerSecondPerThread()));
        }
    }

    @Override
    public void onEpochEnd(EpochSummary s) {
        clearLine();
        String validation = Double.isNaN(s.validationAccuracy()) ? "no validation split"
                : String.format(Locale.ROOT, "valid accuracy %8.3f%s", s.validationAccuracy(), monitored(s));
        out.printf(Locale.ROOT, "| end of epoch %3d | time: %6.2fs | train loss %.4f | train accuracy %.3f "
                        + "| %s | lr %.4g%n", s.epoch(), s.seconds(), s.trainLoss(), s.trainAccuracy(), validation,
                s.learningRate());
        out.flush();
    }

    /** The monitored validation metric when it is not accuracy (which the line always shows). */
    private String monitored(EpochSummary s) {
        return monitor == ValidationMetric.ACCURACY ? ""
                : String.format(Locale.ROOT, " | valid %s %.4f", monitor.label(), monitor.of(s.validation()));
    }

    private void draw(String full) {
        String line = fit(full, columns);
        err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        err.flush();
        drawnWidth = line.length();
    }

    private void clearLine() {
        if (style == Style.BAR && drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }

    /**
     * {@code line} as it fits in {@code columns} characters less one (a line as wide as the terminal wraps on some):
     * without its bar, then without its last fields (fields are parted by two spaces, so a number is never cut in
     * two; a single field wider than the terminal is cut); as it is when the width is unknown.
     */
    static String fit(String line, int columns) {
        if (columns <= 0 || line.length() < columns) {
            return line;
        }
        String barless = line.replaceFirst(" \\[[# ]{" + BAR_WIDTH + "}\\]", "");
        if (barless.length() < columns) {
            return barless;
        }
        String head = barless.substring(0, Math.max(0, columns - 1));
        int lastField = barless.startsWith(FIELD_GAP, head.length()) ? head.length() : head.lastIndexOf(FIELD_GAP);
        return lastField > 0 ? head.substring(0, lastField).stripTrailing() : head;
    }

    private static String bar(long done, long total) {
        int filled = total == 0 ? BAR_WIDTH : (int) (BAR_WIDTH * done / total);
        return "[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "]";
    }

    private static String rateAndTime(long done, long total, String unit, double seconds) {
        String amount = unit.equals(PhaseProgress.BYTES)
                ? String.format(Locale.ROOT, "%.1f/%.1f MB", done / 1e6, total / 1e6)
                : done + "/" + total + " " + unit;
        return amount + "  " + rate(done, unit, seconds) + "  elapsed " + duration(seconds) + "  ETA "
                + eta(done, total, seconds);
    }

    private static String amount(long done, String unit) {
        return unit.equals(PhaseProgress.BYTES) ? String.format(Locale.ROOT, "%.1f MB", done / 1e6) : done + " " + unit;
    }

    /** Units per second, e.g. {@code 2140 docs/s} or {@code 17.4 MB/s}; {@code -} before any time has passed. */
    static String rate(long done, String unit, double seconds) {
        if (seconds <= 0) {
            return "- " + (unit.equals(PhaseProgress.BYTES) ? "MB" : unit) + "/s";
        }
        return unit.equals(PhaseProgress.BYTES) ? String.format(Locale.ROOT, "%.1f MB/s", done / 1e6 / seconds)
                : String.format(Locale.ROOT, "%.0f %s/s", done / seconds, unit);
    }

    /** The time left at the rate so far, {@code ?} before anything is done. */
    static String eta(long done, long total, double seconds) {
        return done == 0 ? "?" : duration(seconds * (total - done) / done);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
