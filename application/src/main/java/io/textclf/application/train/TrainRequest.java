package io.textclf.application.train;

import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.train.TrainingSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A request to train a model.
 *
 * @param dataset  a dataset folder or name (see {@link io.textclf.application.dataset.DatasetLoader})
 * @param settings hyperparameters
 * @param backend  compute backend name
 * @param output   where to write the model file
 * @param badRows  what to do with malformed data rows
 * @param options  checkpoints, best model, resuming, and the run's resolved settings; keeping the best epoch needs a
 *                 validation split, and its file must not be {@code output}
 * @param pipeline how raw text becomes tokens (the tokenizer and its settings)
 */
public record TrainRequest(String dataset, TrainingSettings settings, String backend, Path output,
                           BadRowPolicy badRows, RunOptions options, PipelineSpec pipeline) {

    public TrainRequest {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(badRows, "badRows");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(pipeline, "pipeline");
        requireValidationForBest(settings, options);
        options.checkpointDir().ifPresent(folder -> {
            for (Path file : Stream.concat(Stream.of(output), options.bestOutput().stream()).toList()) {
                if (sameFile(file.toAbsolutePath().normalize().getParent(), folder)
                        && CheckpointFolder.isCheckpointName(file)) {
                    throw new IllegalArgumentException(file + " is named as the checkpoint folder's own files are: "
                            + "the run would write over it, or its model file would stand where --resume looks for a "
                            + "checkpoint; choose another name");
                }
            }
        });
        if (options.bestModelFile().filter(best -> sameFile(best, output)).isPresent()) {
            throw new IllegalArgumentException("the best model and the last one would both go to " + output
                    + (options.bestOutput().isEmpty() ? " (the checkpoint folder's " + CheckpointFolder.BEST_MODEL
                    + ")" : "") + "; choose two files");
        }
    }

    /**
     * Refuses to keep the best epoch (restore-best, best-output) of a run without a validation split, which has none:
     * what the constructor checks, for a caller that checks before it can make the request.
     *
     * @throws IllegalArgumentException saying so
     */
    public static void requireValidationForBest(TrainingSettings settings, RunOptions options) {
        if ((options.restoreBest() || options.bestOutput().isPresent()) && settings.validationFraction() == 0) {
            throw new IllegalArgumentException("keeping the best epoch (restore-best, best-output) needs a validation "
                    + "split: valid fraction is 0");
        }
    }

    private static boolean sameFile(Path one, Path other) {
        return one.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize());
    }

    /** A run with the tutorial's pipeline ({@code basic_english}). */
    public TrainRequest(String dataset, TrainingSettings settings, String backend, Path output, BadRowPolicy badRows,
                        RunOptions options) {
        this(dataset, settings, backend, output, badRows, options, PipelineSpec.tutorial());
    }

    /** A plain run: no checkpoints, no best model, not resumed. */
    public TrainRequest(String dataset, TrainingSettings settings, String backend, Path output, BadRowPolicy badRows) {
        this(dataset, settings, backend, output, badRows, RunOptions.NONE);
    }
}
