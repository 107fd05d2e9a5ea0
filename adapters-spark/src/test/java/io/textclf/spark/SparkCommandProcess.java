package io.textclf.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code textclf-spark} in a JVM of its own, as {@code bin/textclf-spark} runs it: the main classes only, the
 * launcher's {@code -Dlog4j2.level=warn}, and the command's own log configuration (the tests' one is not on its class
 * path), so what reaches stdout and stderr is what a user sees.
 */
public final class SparkCommandProcess {

    /** What the command printed, and its exit code. */
    public record Result(int code, String out, String err) {
    }

    private SparkCommandProcess() {
    }

    /** Runs {@code textclf-spark args}, with its output files in {@code dir}; fails the test after 5 minutes. */
    public static Result run(Path dir, String... args) throws Exception {
        String testClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String classPath = Arrays.stream(testClassPath.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.contains("-tests.jar"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g", "-cp", classPath));
        command.addAll(SparkJvm.options());
        command.addAll(List.of("-Dlog4j2.level=warn", "io.textclf.spark.cli.SparkMain"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the command did not finish in 5 minutes");
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
