package io.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an interrupted checkpointed run says: how to resume, or that there is nothing to resume yet. */
class ResumeHintTest {

    @Test
    void theHintPointsAtTheFolderOnlyOnceItHoldsACheckpoint() {
        Path dir = Path.of("runs", "a");
        assertEquals("textclf: interrupted; the checkpoints in " + dir + " hold the run up to its last checkpoint: "
                + "continue it with 'textclf train --resume " + dir + "'", ResumeHint.message(dir, true, "", Optional.empty()));
        assertEquals("textclf: interrupted; the checkpoints in " + dir + " hold the run up to its last checkpoint: "
                + "continue it with 'textclf train --resume " + dir + " --epochs 30'",
                ResumeHint.message(dir, true, " --epochs 30", Optional.empty()));
        assertEquals("textclf: interrupted before the first checkpoint: " + dir + " holds none to resume from, so "
                + "start the run again", ResumeHint.message(dir, false, "", Optional.empty()));
        assertEquals("textclf: interrupted before the first checkpoint in " + dir + ": run the same command again (it "
                + "resumes from runs/b/epoch-0002.ckpt again)", ResumeHint.message(dir, false, " --epochs 30",
                Optional.of(Path.of("runs/b/epoch-0002.ckpt"))));
        assertEquals("textclf: interrupted; no model file was written (with --checkpoint-dir DIR an interrupted run "
                + "can be resumed)", ResumeHint.UNSAVED);
        assertEquals("textclf: interrupted after the model was saved to m.textclf (its test results were not printed: "
                + "'textclf info m.textclf' shows them)", ResumeHint.saved(Path.of("m.textclf")));
    }
}
