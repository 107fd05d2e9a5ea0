package io.textclf.cli;

import io.textclf.application.train.TrainingObserver;
import io.textclf.domain.train.BatchProgress;
import io.textclf.domain.train.EpochSummary;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows a training run: the tutorial's lines ({@code | epoch 1 | 500/1782 batches | accuracy 0.682})
 * every log interval and one line per epoch on stdout, or a live bar on stderr when it is a terminal.
 */
final class ProgressPrinter implements TrainingObserver {

    private static final int BAR_WIDTH = 30;
    private static final long BAR_REFRESH_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean bar;
    private final boolean lines;
    private final int logInterval;
    private long lastCorrect;
    private long lastSeen;
    private long lastDraw;

    private ProgressPrinter(PrintWriter out, PrintWriter err, boolean bar, boolean lines, int logInterval) {
        this.out = out;
        this.err = err;
        this.bar = bar;
        this.lines = lines;
        this.logInterval = logInterval;
    }

    static TrainingObserver create(ProgressMode mode, PrintWriter out, PrintWriter err, int logInterval) {
        boolean terminal = System.console() != null;
        return switch (mode) {
            case none -> new ProgressPrinter(out, err, false, false, logInterval);
            case bar -> new ProgressPrinter(out, err, true, false, logInterval);
            case lines -> new ProgressPrinter(out, err, false, true, logInterval);
            case auto -> new ProgressPrinter(out, err, terminal, !terminal, logInterval);
        };
    }

    @Override
    public void onStage(String message) {
        out.println(message);
        out.flush();
    }

    @Override
    public void onBatch(BatchProgress p) {
        if (p.batch() == 1) {
            lastCorrect = 0;
            lastSeen = 0;
        }
        if (lines && p.batch() % logInterval == 0) {
            long seen = p.examplesSeen() - lastSeen;
            double accuracy = (double) (p.correct() - lastCorrect) / seen;
            out.printf(Locale.ROOT, "| epoch %3d | %5d/%5d batches | accuracy %8.3f | words/sec/thread %8.0f%n",
                    p.epoch(), p.batch(), p.batchesPerEpoch(), accuracy, p.wordsPerSecondPerThread());
            out.flush();
            lastCorrect = p.correct();
            lastSeen = p.examplesSeen();
        }
        long now = System.nanoTime();
        if (bar && (now - lastDraw > BAR_REFRESH_NANOS || p.batch() == p.batchesPerEpoch())) {
            lastDraw = now;
            int filled = (int) ((long) BAR_WIDTH * p.batch() / p.batchesPerEpoch());
            err.printf(Locale.ROOT, "\repoch %d [%s%s] %d/%d loss %.4f acc %.3f lr %.4g words/sec/thread %.0f ",
                    p.epoch(), "#".repeat(filled), " ".repeat(BAR_WIDTH - filled), p.batch(), p.batchesPerEpoch(),
                    p.meanLoss(), p.accuracy(), p.learningRate(), p.wordsPerSecondPerThread());
            err.flush();
        }
    }

    @Override
    public void onEpochEnd(EpochSummary s) {
        if (bar) {
            err.print("\r" + " ".repeat(BAR_WIDTH + 60) + "\r");
            err.flush();
        }
        out.printf(Locale.ROOT, "| end of epoch %3d | time: %6.2fs | train loss %.4f | train accuracy %.3f "
                        + "| valid accuracy %8.3f | lr %.4g%n", s.epoch(), s.seconds(), s.trainLoss(), s.trainAccuracy(),
                s.validationAccuracy(), s.learningRate());
        out.flush();
    }
}
