package io.textclf.application.train;

import io.textclf.domain.model.RunSetting;
import io.textclf.domain.train.TrainerOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a training run is looked after, apart from its hyperparameters.
 *
 * @param checkpointDir          write a checkpoint after every epoch here ({@code epoch-0005.ckpt}),
 *                               and the best model ({@code best.textclf}) at the end
 * @param checkpointEveryBatches also checkpoint every this many steps within an epoch; 0 for epoch ends only
 * @param keepCheckpoints        keep only the newest this many checkpoints; 0 keeps all
 * @param bestOutput             also save the best-validation model here
 * @param restoreBest            save the best-validation model as the output instead of the last one
 * @param resume                 continue from this checkpoint (or the newest in this folder)
 * @param runSettings            every setting of the run and its source, recorded in the model file
 * @param threads                training threads: 1 is reproducible from the seed, more run Hogwild SGD
 */
public record RunOptions(Optional<Path> checkpointDir, int checkpointEveryBatches, int keepCheckpoints,
                         Optional<Path> bestOutput, boolean restoreBest, Optional<Path> resume,
                         List<RunSetting> runSettings, int threads) {

    /** No checkpoints, no best model, not resumed, one thread. */
    public static final RunOptions NONE = new RunOptions(Optional.empty(), 0, 0, Optional.empty(), false,
            Optional.empty(), List.of());

    /** One training thread. */
    public RunOptions(Optional<Path> checkpointDir, int checkpointEveryBatches, int keepCheckpoints,
                      Optional<Path> bestOutput, boolean restoreBest, Optional<Path> resume,
                      List<RunSetting> runSettings) {
        this(checkpointDir, checkpointEveryBatches, keepCheckpoints, bestOutput, restoreBest, resume, runSettings, 1);
    }

    public RunOptions {
        Objects.requireNonNull(checkpointDir, "checkpointDir");
        Objects.requireNonNull(bestOutput, "bestOutput");
        Objects.requireNonNull(resume, "resume");
        runSettings = List.copyOf(runSettings);
        TrainerOptions.requireValid(checkpointEveryBatches, threads);
        if (keepCheckpoints < 0) {
            throw new IllegalArgumentException("checkpoints to keep must be at least 0 (0: all), was " + keepCheckpoints);
        }
        if (checkpointEveryBatches > 0 && checkpointDir.isEmpty()) {
            throw new IllegalArgumentException("a checkpoint interval needs a checkpoint folder");
        }
        if (keepCheckpoints > 0 && checkpointDir.isEmpty()) {
            throw new IllegalArgumentException("checkpoints to keep need a checkpoint folder");
        }
    }

    /**
     * Where the best-validation model goes: {@code bestOutput}, else {@code best.textclf} in the checkpoint folder,
     * else nowhere.
     */
    public Optional<Path> bestModelFile() {
        return bestOutput.or(() -> checkpointDir.map(dir -> dir.resolve(CheckpointFolder.BEST_MODEL)));
    }

    /** Whether the run must keep the parameters of its best epoch. */
    public boolean keepsBest() {
        return restoreBest || bestOutput.isPresent() || checkpointDir.isPresent();
    }
}
