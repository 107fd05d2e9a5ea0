package io.textclf.application.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.domain.train.TrainingSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainRequestTest {

    private static final TrainingSettings NO_VALIDATION = new TrainingSettings(10, 5.0, 64, 64, 0.1, 1, 0.1, 0.0,
            1, 0.5, 1, 0, 500);

    @Test
    void keepingTheBestEpochWithoutAValidationSplitIsRefused() {
        for (RunOptions best : List.of(options(Optional.empty(), true), options(Optional.of(Path.of("best.textclf")),
                false))) {
            assertEquals("keeping the best epoch (restore-best, best-output) needs a validation split: valid fraction "
                    + "is 0", assertThrows(IllegalArgumentException.class, () -> request(NO_VALIDATION, best))
                    .getMessage());
        }
        request(NO_VALIDATION, RunOptions.NONE);
        request(TrainingSettings.tutorial(), options(Optional.empty(), true));
    }

    @Test
    void theBestModelCannotGoWhereTheLastOneGoes() {
        assertEquals("the best model and the last one would both go to m.textclf; choose two files",
                assertThrows(IllegalArgumentException.class, () -> request(TrainingSettings.tutorial(),
                        options(Optional.of(Path.of("./m.textclf")), false))).getMessage());
    }

    @Test
    void theLastModelCannotGoWhereTheCheckpointFolderPutsTheBestOne() {
        RunOptions checkpointed = new RunOptions(Optional.of(Path.of("runs/a")), 0, 0, Optional.empty(), false,
                Optional.empty(), List.of());
        assertEquals("the best model and the last one would both go to runs/a/best.textclf (the checkpoint folder's "
                + "best.textclf); choose two files", assertThrows(IllegalArgumentException.class, () ->
                new TrainRequest("ag_news_mini", TrainingSettings.tutorial(), "reference",
                        Path.of("runs/a/best.textclf"), BadRowPolicy.FAIL, checkpointed)).getMessage());
        RunOptions elsewhere = new RunOptions(Optional.of(Path.of("runs/a")), 0, 0, Optional.of(Path.of("b.textclf")),
                false, Optional.empty(), List.of());
        new TrainRequest("ag_news_mini", TrainingSettings.tutorial(), "reference", Path.of("runs/a/best.textclf"),
                BadRowPolicy.FAIL, elsewhere);
    }

    @Test
    void noModelFileGoesWhereTheCheckpointFolderKeepsItsOwnFiles() {
        RunOptions checkpointed = new RunOptions(Optional.of(Path.of("runs/a")), 0, 0, Optional.empty(), false,
                Optional.empty(), List.of());
        assertEquals("runs/a/epoch-0002.ckpt is named as the checkpoint folder's own files are: the run would write "
                + "over it, or its model file would stand where --resume looks for a checkpoint; choose another name",
                assertThrows(IllegalArgumentException.class, () -> new TrainRequest("ag_news_mini",
                        TrainingSettings.tutorial(), "reference", Path.of("runs/a/epoch-0002.ckpt"), BadRowPolicy.FAIL,
                        checkpointed)).getMessage());
        RunOptions bestThere = new RunOptions(Optional.of(Path.of("runs/a")), 0, 0,
                Optional.of(Path.of("runs/./a/epoch-0001-batch-000300.ckpt")), false, Optional.empty(), List.of());
        assertThrows(IllegalArgumentException.class, () -> new TrainRequest("ag_news_mini",
                TrainingSettings.tutorial(), "reference", Path.of("m.textclf"), BadRowPolicy.FAIL, bestThere));
        new TrainRequest("ag_news_mini", TrainingSettings.tutorial(), "reference", Path.of("runs/a/model.textclf"),
                BadRowPolicy.FAIL, checkpointed);
        new TrainRequest("ag_news_mini", TrainingSettings.tutorial(), "reference", Path.of("elsewhere/epoch-0002.ckpt"),
                BadRowPolicy.FAIL, checkpointed);
    }

    @Test
    void keepingCheckpointsNeedsACheckpointFolder() {
        assertEquals("checkpoints to keep need a checkpoint folder", assertThrows(IllegalArgumentException.class,
                () -> new RunOptions(Optional.empty(), 0, 3, Optional.empty(), false, Optional.empty(), List.of()))
                .getMessage());
    }

    private static RunOptions options(Optional<Path> bestOutput, boolean restoreBest) {
        return new RunOptions(Optional.empty(), 0, 0, bestOutput, restoreBest, Optional.empty(), List.of());
    }

    private static TrainRequest request(TrainingSettings settings, RunOptions options) {
        return new TrainRequest("ag_news_mini", settings, "reference", Path.of("m.textclf"), BadRowPolicy.FAIL,
                options);
    }
}
