package io.textclf.application.train;

import io.textclf.domain.metrics.Evaluation;
import io.textclf.domain.model.ModelArtifact;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a training use case produced.
 *
 * @param artifact      the model as saved
 * @param modelFile     where it was saved
 * @param test          the evaluation on the test file, if the dataset has one
 * @param skippedRows   malformed rows that were skipped
 * @param bestModelFile where the best-validation model was saved, if it was
 * @param wordsPerEpoch the words of the training split (one epoch's), n-gram features not counted
 * @param threads       the training threads
 */
public record TrainingReport(ModelArtifact artifact, Path modelFile, Optional<Evaluation> test,
                             List<String> skippedRows, Optional<Path> bestModelFile, long wordsPerEpoch, int threads) {

    public TrainingReport {
        skippedRows = List.copyOf(skippedRows);
        Objects.requireNonNull(bestModelFile, "bestModelFile");
    }

    /** Words per second per training thread in epoch {@code epoch} (1-based), fastText's throughput figure. */
    public double wordsPerSecondPerThread(int epoch) {
        return wordsPerEpoch / artifact.metrics().epochs().get(epoch - 1).seconds() / threads;
    }
}
