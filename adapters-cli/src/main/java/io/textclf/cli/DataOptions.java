package io.textclf.cli;

import io.textclf.application.dataset.BadRowPolicy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** Where a command reads its dataset from, and what it does with malformed rows. */
final class DataOptions {

    @Option(names = {"-d", "--data"}, converter = DataOptions.DatasetArgument.class,
            description = "Dataset folder (train.csv[.gz], test.csv[.gz], classes.txt, or fastText "
                    + "train.txt/test.txt) or a dataset name (ag_news); evaluate also takes a single data file.")
    String data;

    @Option(names = "--skip-bad-rows", description = "Skip malformed data rows (and report how many) instead of failing.")
    boolean skipBadRows;

    BadRowPolicy badRows() {
        return skipBadRows ? BadRowPolicy.SKIP : BadRowPolicy.FAIL;
    }

    /** A folder, a file or a dataset name: refused when empty or {@code -}, as a path is. */
    static final class DatasetArgument implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return TextclfCommand.pathText(value);
        }
    }
}
