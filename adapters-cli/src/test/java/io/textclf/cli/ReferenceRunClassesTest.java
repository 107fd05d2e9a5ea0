package io.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.application.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training run on the reference backend loads no class of the native engines, although their jars are on
 * the class path (the composition root's runtime dependencies): a real {@code textclf train} in a child JVM
 * that logs every class it loads.
 */
class ReferenceRunClassesTest {

    private static final List<String> ENGINE_PACKAGES = List.of("ai.djl.", "org.nd4j.", "org.bytedeco.");

    @Test
    void aReferenceTrainingRunLoadsNoClassOfTheNativeEngines(@TempDir Path dir) throws IOException, InterruptedException {
        Path log = dir.resolve("classes.log");
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Xlog:class+load=info:file=" + log, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train", "-d", TestData.agNewsMini().toString(), "-o",
                dir.resolve("m.textclf").toString(), "--epochs", "1", "--backend", "reference", "--progress", "none")
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the run ended");
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("out.txt")));

        List<String> loaded = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertTrue(loaded.stream().anyMatch(line -> line.contains(" io.textclf.domain.reference.ReferenceBackend ")),
                "the log lists the classes the run loaded");
        List<String> engines = loaded.stream()
                .filter(line -> ENGINE_PACKAGES.stream().anyMatch(engine -> line.contains("] " + engine)))
                .toList();
        assertEquals(List.of(), engines);
    }
}
