package io.textclf.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * While a checkpointed run trains, a shutdown hook that says how to resume it when the process is
 * interrupted (Ctrl-C, exit code 130) or terminated; closing it removes the hook.
 */
final class ResumeHint implements AutoCloseable {

    private final Optional<Thread> hook;

    private ResumeHint(Optional<Thread> hook) {
        this.hook = hook;
    }

    /**
     * Installs the hint for a run that checkpoints into {@code checkpointDir}; nothing without one.
     *
     * @param hasCheckpoint whether a folder holds a checkpoint, asked when the hint is given
     */
    static ResumeHint install(Optional<Path> checkpointDir, Predicate<Path> hasCheckpoint, PrintWriter err) {
        Optional<Thread> hook = checkpointDir.map(dir -> new Thread(() -> {
            err.println();
            err.println(message(dir, hasCheckpoint.test(dir)));
            err.flush();
        }, "textclf-resume-hint"));
        hook.ifPresent(Runtime.getRuntime()::addShutdownHook);
        return new ResumeHint(hook);
    }

    /** What the hint says for a run checkpointing into {@code dir}, which may hold no checkpoint yet. */
    static String message(Path dir, boolean hasCheckpoint) {
        return hasCheckpoint ? "textclf: interrupted; the checkpoints in " + dir + " hold the run up to its last "
                + "checkpoint: continue it with 'textclf train --resume " + dir + "'"
                : "textclf: interrupted before the first checkpoint: " + dir + " holds none to resume from, so start "
                + "the run again";
    }

    @Override
    public void close() {
        hook.ifPresent(thread -> {
            try {
                Runtime.getRuntime().removeShutdownHook(thread);
            } catch (IllegalStateException shuttingDown) {
                // the process is exiting: the hook runs and says how to resume
            }
        });
    }
}
