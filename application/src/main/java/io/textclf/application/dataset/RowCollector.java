package io.textclf.application.dataset;

import io.textclf.domain.data.Example;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Gathers the rows a reader takes from one file, applying the {@link BadRowPolicy} to malformed ones.
 * A counting collector keeps only counts and the first malformed row, so a file of any size is
 * checked in constant memory; a handing-over one passes the rows on in chunks as they come.
 */
final class RowCollector {

    private final Path file;
    private final BadRowPolicy policy;
    private final boolean keep;
    private final int chunkRows;
    private final Consumer<List<Example>> chunks;
    private List<Example> examples = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private long rows;
    private long skippedRows;

    private RowCollector(Path file, BadRowPolicy policy, boolean keep, int chunkRows,
                         Consumer<List<Example>> chunks) {
        this.file = file;
        this.policy = policy;
        this.keep = keep;
        this.chunkRows = chunkRows;
        this.chunks = chunks;
    }

    /** Keeps every row. */
    static RowCollector keeping(Path file, BadRowPolicy policy) {
        return new RowCollector(file, policy, true, Integer.MAX_VALUE, null);
    }

    /** Counts the rows, keeping only the first malformed one. */
    static RowCollector counting(Path file, BadRowPolicy policy) {
        return new RowCollector(file, policy, false, Integer.MAX_VALUE, null);
    }

    /** Hands the rows to {@code chunks}, {@code chunkRows} at a time and the rest on {@link #finish()}. */
    static RowCollector handingOver(Path file, BadRowPolicy policy, int chunkRows, Consumer<List<Example>> chunks) {
        return new RowCollector(file, policy, true, chunkRows, chunks);
    }

    void accept(Example example) {
        rows++;
        if (keep) {
            examples.add(example);
            if (examples.size() == chunkRows) {
                handOver();
            }
        }
    }

    /** The end of the file: hands over what is left. */
    void finish() {
        if (chunks != null && !examples.isEmpty()) {
            handOver();
        }
    }

    private void handOver() {
        chunks.accept(examples);
        examples = new ArrayList<>(chunkRows);
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

    /** The malformed rows as {@code file:line: problem} (only the first of a counting collector). */
    List<String> skipped() {
        return skipped;
    }

    /** The first malformed row as {@code file:line: problem}; empty when there was none. */
    String firstSkipped() {
        return skipped.isEmpty() ? "" : skipped.get(0);
    }

    /**
     * Refuses a file that gave no row: empty, or every row malformed (and skipped), which says so with the first.
     *
     * @throws DatasetFormatException naming the file
     */
    void requireRows() {
        if (rows == 0) {
            throw noRows(file, skippedRows, firstSkipped());
        }
    }

    /** Why {@code file} gave no row: it has none, or all {@code skippedRows} were malformed, the first as given. */
    static DatasetFormatException noRows(Path file, long skippedRows, String firstSkipped) {
        return new DatasetFormatException(file + (skippedRows == 0 ? ": no rows"
                : ": no valid rows: all " + skippedRows + " were malformed and skipped, the first: " + firstSkipped));
    }

    ReadResult result() {
        return new ReadResult(examples, skipped);
    }
}
