package io.textclf.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * While a checkpointed run trains, a shutdown hook that says how to resume it when the process is
 * interrupted (Ctrl-C, exit code 130) or terminated; closing it removes the hook.
 */
final class ResumeHint implements AutoCloseable {

    private final Optional<Thread> hook;

    private ResumeHint(Optional<Thread> hook) {
        this.hook = hook;
    }

    /** Installs the hint for a run that checkpoints into {@code checkpointDir}; nothing without one. */
    static ResumeHint install(Optional<Path> checkpointDir, PrintWriter err) {
        Optional<Thread> hook = checkpointDir.map(dir -> new Thread(() -> {
            err.println();
            err.println(message(dir));
            err.flush();
        }, "textclf-resume-hint"));
        hook.ifPresent(Runtime.getRuntime()::addShutdownHook);
        return new ResumeHint(hook);
    }

    /** What the hint says for a run checkpointing into {@code dir}. */
    static String message(Path dir) {
        return "textclf: interrupted; the checkpoints in " + dir + " hold the run up to its last checkpoint: "
                + "continue it with 'textclf train --resume " + dir + "'";
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
