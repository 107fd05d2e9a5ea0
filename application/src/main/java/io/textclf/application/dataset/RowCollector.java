package io.textclf.application.dataset;

import io.textclf.domain.data.Example;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the rows a reader takes from one file, applying the {@link BadRowPolicy} to malformed ones.
 * A counting collector keeps only counts and the first malformed row, so a file of any size is
 * checked in constant memory.
 */
final class RowCollector {

    private final Path file;
    private final BadRowPolicy policy;
    private final boolean keep;
    private final List<Example> examples = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private long rows;
    private long skippedRows;

    private RowCollector(Path file, BadRowPolicy policy, boolean keep) {
        this.file = file;
        this.policy = policy;
        this.keep = keep;
    }

    /** Keeps every row. */
    static RowCollector keeping(Path file, BadRowPolicy policy) {
        return new RowCollector(file, policy, true);
    }

    /** Counts the rows, keeping only the first malformed one. */
    static RowCollector counting(Path file, BadRowPolicy policy) {
        return new RowCollector(file, policy, false);
    }

    void accept(Example example) {
        rows++;
        if (keep) {
            examples.add(example);
        }
    }

    /** A malformed row: an error under {@link BadRowPolicy#FAIL}, else recorded and left out. */
    void reject(long line, String problem) {
        if (policy == BadRowPolicy.FAIL) {
            throw new DatasetFormatException(file, line, problem);
        }
        skippedRows++;
        if (keep || skipped.isEmpty()) {
            skipped.add(file + ":" + line + ": " + problem);
        }
    }

    long rows() {
        return rows;
    }

    long skippedRows() {
        return skippedRows;
    }

    /** The first malformed row as {@code file:line: problem}; empty when there was none. */
    String firstSkipped() {
        return skipped.isEmpty() ? "" : skipped.get(0);
    }

    ReadResult result() {
        return new ReadResult(examples, skipped);
    }
}
