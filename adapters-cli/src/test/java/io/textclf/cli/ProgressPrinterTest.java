package io.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.train.BatchProgress;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.ValidationMetric;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    @Test
    void anEpochsRateAndTimesAreReckonedFromTheEpochsStartNotFromTheLastLinePrinted() {
        AtomicLong now = new AtomicLong();
        StringWriter out = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(out), new PrintWriter(new StringWriter()),
                ProgressPrinter.Style.LINES, 500, ValidationMetric.ACCURACY, now::get, 0);
        printer.onStage("vocabulary of 98939 tokens; 50646 rows train, 2666 validate; backend reference");
        now.addAndGet(TimeUnit.SECONDS.toNanos(5));
        printer.onBatch(new BatchProgress(1, 500, 792, 32_000, 16_000, 0, 5, 2_000_000, 0.5));
        assertEquals("| epoch   1 |   500/  792 batches | accuracy    0.500 | 64000 docs/s | words/sec/thread  2000000 "
                + "| elapsed 0:01 | ETA 0:00", out.toString().lines().reduce((first, second) -> second).orElseThrow());
    }

    @Test
    void anEpochWithoutValidationSaysSoInsteadOfNaN() {
        StringWriter out = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(out), new PrintWriter(new StringWriter()),
                ProgressPrinter.Style.LINES, 500, ValidationMetric.LOSS, System::nanoTime, 0);
        printer.onEpochEnd(new EpochSummary(1, 1.25, 0.5, Double.NaN, 5, 0.5));
        printer.onEpochEnd(new EpochSummary(2, 1.0, 0.6, 0.625, 5, 0.5, 0.875, 0.5));
        assertEquals(List.of(
                "| end of epoch   1 | time:   0.50s | train loss 1.2500 | train accuracy 0.500 | no validation split "
                        + "| lr 5.000",
                "| end of epoch   2 | time:   0.50s | train loss 1.0000 | train accuracy 0.600 "
                        + "| valid accuracy    0.625 | valid loss 0.8750 | lr 5.000"), out.toString().lines().toList());
    }

    @Test
    void onANarrowTerminalTheLiveLineDropsItsBarThenItsEndAndNeverWraps() {
        AtomicLong now = new AtomicLong();
        StringWriter err = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(new StringWriter()), new PrintWriter(err),
                ProgressPrinter.Style.BAR, 500, ValidationMetric.ACCURACY, now::get, 80);
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        printer.onBatch(new BatchProgress(1, 500, 792, 32_000, 16_000, 0.4321, 5, 2_000_000, 0.5));
        String line = err.toString().substring(1);
        assertTrue(line.length() <= 79, line);
        assertEquals("epoch 1    500/792 batches  ETA 0:00  elapsed 0:01  loss 0.0000  acc 0.500", line,
                "whole fields only: the line ends where a field ends");

        String reading = "reading    [############            ] 3.1/6.0 MB  1.8 MB/s  elapsed 0:02  ETA 0:02";
        assertEquals("reading    3.1/6.0 MB  1.8 MB/s  elapsed 0:02  ETA 0:02", ProgressPrinter.fit(reading, 79));
        assertEquals(reading, ProgressPrinter.fit(reading, 120));
        assertEquals(reading, ProgressPrinter.fit(reading, 0), "an unknown width cuts nothing");
        assertEquals("reading    3.1/6.0 MB  1.8 MB/s", ProgressPrinter.fit(reading, 40),
                "not 'elapsed 0:0', which would read as another time");
        assertEquals("reading    3.1/6.0 MB", ProgressPrinter.fit(reading, 22), "a field that just fits is kept");
        assertEquals("reading", ProgressPrinter.fit(reading, 15));
        assertEquals("0123456789", ProgressPrinter.fit("0123456789012  x", 11),
                "one field wider than the terminal is cut");
        assertEquals(List.of(0, 0, 0, 100), Stream.of(null, "", "wide", " 100 ").map(ProgressPrinter::columns)
                .toList());
    }
}
