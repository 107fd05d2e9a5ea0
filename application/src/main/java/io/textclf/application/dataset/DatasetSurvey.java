package io.textclf.application.dataset;

import io.textclf.domain.data.Layout;
import java.util.List;

/**
 * What a dataset holds, counted without keeping its rows in memory.
 *
 * @param layout       the dataset's layout
 * @param classes      class names in index order
 * @param trainRows    well-formed rows of the training file
 * @param testRows     well-formed rows of the test file; 0 without one
 * @param skippedRows  malformed rows (only with {@link BadRowPolicy#SKIP})
 * @param firstSkipped the first of them as {@code file:line: problem}; empty when there is none
 */
public record DatasetSurvey(Layout layout, List<String> classes, long trainRows, long testRows, long skippedRows,
                            String firstSkipped) {

    public DatasetSurvey {
        classes = List.copyOf(classes);
    }
}
