package io.textclf.modelformat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM (a service manager stopping the process, Ctrl-C) while a file is written through a temporary sibling. */
class AtomicFilesShutdownTest {

    @Test
    void aTerminatedWriteLeavesTheOldFileAndNoPartFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("m.safetensors");
        Files.writeString(target, "the old file");
        Process writer = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), SlowWriter.class.getName(), target.toString())
                .redirectErrorStream(true).start();
        try {
            String first = new String(writer.getInputStream().readNBytes("writing\n".length()), StandardCharsets.UTF_8);
            assertEquals("writing\n", first);
            assertEquals(1, parts(dir).size(), "the write is under way");
            new ProcessBuilder("kill", "-TERM", Long.toString(writer.pid())).start().waitFor();
            assertTrue(writer.waitFor(60, TimeUnit.SECONDS));
            assertEquals(143, writer.exitValue());
            assertEquals(List.of(), parts(dir));
            assertEquals("the old file", Files.readString(target));
        } finally {
            writer.destroyForcibly();
        }
    }

    private static List<Path> parts(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".part")).toList();
        }
    }

    /** Starts writing its argument, says so, and never finishes. */
    static final class SlowWriter {
        public static void main(String[] args) throws IOException {
            AtomicFiles.replace(Path.of(args[0]), temporary -> {
                try (OutputStream out = Files.newOutputStream(temporary)) {
                    out.write(new byte[4096]);
                    out.flush();
                    System.out.print("writing\n");
                    System.out.flush();
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
