package io.textclf.cli;

import io.textclf.application.dataset.BadRowPolicy;
import picocli.CommandLine.Option;

/** Where a command reads its dataset from, and what it does with malformed rows. */
final class DataOptions {

    @Option(names = {"-d", "--data"}, description = "Dataset folder (train.csv[.gz], test.csv[.gz], classes.txt, or "
            + "fastText train.txt/test.txt) or a dataset name (ag_news); evaluate also takes a single data file.")
    String data;

    @Option(names = "--skip-bad-rows", description = "Skip malformed data rows (and report how many) instead of failing.")
    boolean skipBadRows;

    BadRowPolicy badRows() {
        return skipBadRows ? BadRowPolicy.SKIP : BadRowPolicy.FAIL;
    }
}
