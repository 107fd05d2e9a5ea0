package io.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.application.TestData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C in a real textclf process: a checkpointed run says how to continue it. */
class InterruptTest {

    @Test
    void ctrlCDuringACheckpointedRunSaysHowToResume(@TempDir Path dir) throws IOException, InterruptedException {
        Path run = dir.resolve("run");
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "train", "-d",
                TestData.agNewsMini().toString(), "-o", dir.resolve("m.textclf").toString(), "--epochs", "200",
                "--checkpoint-dir", run.toString(), "--progress", "none").start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("saved checkpoint"));
            assertTrue(line != null, "the run wrote a checkpoint");
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(130, process.exitValue());
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(err.contains("continue it with 'textclf train --resume " + run + "'"), err);
        } finally {
            process.destroyForcibly();
        }
    }
}
