package io.textclf.application.train;

import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.train.Evaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a training use case produced.
 *
 * @param artifact    the model as saved
 * @param modelFile   where it was saved
 * @param test        the evaluation on the test file, if the dataset has one
 * @param skippedRows malformed rows that were skipped
 */
public record TrainingReport(ModelArtifact artifact, Path modelFile, Optional<Evaluation> test,
                             List<String> skippedRows) {

    public TrainingReport {
        skippedRows = List.copyOf(skippedRows);
    }
}
