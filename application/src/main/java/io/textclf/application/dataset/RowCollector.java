package io.textclf.application.dataset;

import io.textclf.domain.data.Example;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Gathers the rows a reader takes from one file, applying the {@link BadRowPolicy} to malformed ones. */
final class RowCollector {

    private final Path file;
    private final BadRowPolicy policy;
    private final List<Example> examples = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    RowCollector(Path file, BadRowPolicy policy) {
        this.file = file;
        this.policy = policy;
    }

    void accept(Example example) {
        examples.add(example);
    }

    /** A malformed row: an error under {@link BadRowPolicy#FAIL}, else recorded and left out. */
    void reject(long line, String problem) {
        if (policy == BadRowPolicy.FAIL) {
            throw new DatasetFormatException(file, line, problem);
        }
        skipped.add(file + ":" + line + ": " + problem);
    }

    ReadResult result() {
        return new ReadResult(examples, skipped);
    }
}
