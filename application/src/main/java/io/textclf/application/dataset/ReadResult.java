package io.textclf.application.dataset;

import io.textclf.domain.data.Example;
import java.util.List;

/**
 * The rows read from one file.
 *
 * @param examples    the well-formed rows, in file order
 * @param skippedRows one "file:line: problem" entry per malformed row left out
 */
public record ReadResult(List<Example> examples, List<String> skippedRows) {

    public ReadResult {
        examples = List.copyOf(examples);
        skippedRows = List.copyOf(skippedRows);
    }
}
