package io.textclf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * While a run trains, a shutdown hook that says, when the process is interrupted (Ctrl-C, exit code 130) or
 * terminated, how to resume it from its checkpoints, or that nothing was saved, or, once the model file was written,
 * that it was; closing it removes the hook.
 */
final class ResumeHint implements AutoCloseable {

    /** What an interrupted run without checkpoints says. */
    static final String UNSAVED = "textclf: interrupted; no model file was written (with --checkpoint-dir DIR an "
            + "interrupted run can be resumed)";

    private final Thread hook;

    private ResumeHint(Thread hook) {
        this.hook = hook;
    }

    /**
     * Installs the hint for a run that writes {@code output} and checkpoints into {@code checkpointDir}, or, without
     * one, that nothing was saved; a run interrupted once {@code output} was replaced says that it was saved.
     *
     * @param resumeFlags   flags the hint's command adds to {@code --resume DIR} (" --epochs 30"), or ""
     * @param resumedFrom   the checkpoint a resumed run started from, empty for a run from the start
     * @param hasCheckpoint whether a folder holds a checkpoint, asked when the hint is given
     */
    static ResumeHint install(Path output, Optional<Path> checkpointDir, String resumeFlags,
                              Optional<Path> resumedFrom, Predicate<Path> hasCheckpoint, PrintWriter err) {
        Optional<Object> before = identity(output);
        Thread hook = new Thread(() -> {
            err.println();
            err.println(!identity(output).equals(before) ? saved(output)
                    : checkpointDir.map(dir -> message(dir, hasCheckpoint.test(dir), resumeFlags, resumedFrom))
                    .orElse(UNSAVED));
            err.flush();
        }, "textclf-resume-hint");
        Runtime.getRuntime().addShutdownHook(hook);
        return new ResumeHint(hook);
    }

    /** What a run interrupted after writing its model file says. */
    static String saved(Path output) {
        return "textclf: interrupted after the model was saved to " + output + " (its test results were not printed: "
                + "'textclf info " + output + "' shows them)";
    }

    /** The file at {@code path} (its inode and time: a write renames a new file into place), empty when none. */
    private static Optional<Object> identity(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return Optional.of(List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * What the hint says for a run checkpointing into {@code dir}, which may hold no checkpoint yet; the command it
     * gives adds {@code resumeFlags}. A resumed run interrupted before its first checkpoint in a new folder still
     * has the checkpoint it started from.
     */
    static String message(Path dir, boolean hasCheckpoint, String resumeFlags, Optional<Path> resumedFrom) {
        if (hasCheckpoint) {
            return "textclf: interrupted; the checkpoints in " + dir + " hold the run up to its last checkpoint: "
                    + "continue it with 'textclf train --resume " + dir + resumeFlags + "'";
        }
        return resumedFrom.map(from -> "textclf: interrupted before the first checkpoint in " + dir + ": run the same "
                        + "command again (it resumes from " + from + " again)")
                .orElse("textclf: interrupted before the first checkpoint: " + dir + " holds none to resume from, so "
                        + "start the run again");
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the process is exiting: the hook runs and says how to resume
        }
    }
}
