package io.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.textclf.domain.train.BatchProgress;
import io.textclf.domain.train.ValidationMetric;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    @Test
    void anEpochsRateAndTimesAreReckonedFromTheEpochsStartNotFromTheLastLinePrinted() {
        AtomicLong now = new AtomicLong();
        StringWriter out = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(out), new PrintWriter(new StringWriter()),
                ProgressPrinter.Style.LINES, 500, ValidationMetric.ACCURACY, now::get);
        printer.onStage("vocabulary of 98939 tokens; 50646 rows train, 2666 validate; backend reference");
        now.addAndGet(TimeUnit.SECONDS.toNanos(5));
        printer.onBatch(new BatchProgress(1, 500, 792, 32_000, 16_000, 0, 5, 2_000_000, 0.5));
        assertEquals("| epoch   1 |   500/  792 batches | accuracy    0.500 | 64000 docs/s | words/sec/thread  2000000 "
                + "| elapsed 0:01 | ETA 0:00", out.toString().lines().reduce((first, second) -> second).orElseThrow());
    }
}
