package io.textclf.application.train;

import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.domain.text.WordNgrams;
import io.textclf.domain.train.TrainingSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A request to train a model.
 *
 * @param dataset  a dataset folder or name (see {@link io.textclf.application.dataset.DatasetLoader})
 * @param settings hyperparameters
 * @param backend  compute backend name
 * @param output   where to write the model file
 * @param badRows  what to do with malformed data rows
 * @param options  checkpoints, best model, resuming, and the run's resolved settings
 * @param ngrams   the word n-grams the text pipeline adds to the tokens
 */
public record TrainRequest(String dataset, TrainingSettings settings, String backend, Path output,
                           BadRowPolicy badRows, RunOptions options, WordNgrams ngrams) {

    public TrainRequest {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(badRows, "badRows");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(ngrams, "ngrams");
    }

    /** A run on words only. */
    public TrainRequest(String dataset, TrainingSettings settings, String backend, Path output, BadRowPolicy badRows,
                        RunOptions options) {
        this(dataset, settings, backend, output, badRows, options, WordNgrams.NONE);
    }

    /** A plain run: no checkpoints, no best model, not resumed. */
    public TrainRequest(String dataset, TrainingSettings settings, String backend, Path output, BadRowPolicy badRows) {
        this(dataset, settings, backend, output, badRows, RunOptions.NONE);
    }
}
