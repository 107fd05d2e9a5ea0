package io.textclf.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.application.TestData;
import io.textclf.spark.SparkCommandProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code textclf-spark} as its users run it: what reaches stdout, and the errors told before any Spark work. */
class SparkCommandLineTest {

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkMain.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** A local port that nothing listens on (just released). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aStandaloneMasterThatAcceptsConnectionsPasses() throws IOException {
        try (ServerSocket master = new ServerSocket(0)) {
            StandaloneMasters.requireReachable("spark://127.0.0.1:" + master.getLocalPort(), "--master", 2_000);
            StandaloneMasters.requireReachable("spark://127.0.0.1:" + closedPort() + ",127.0.0.1:"
                    + master.getLocalPort(), "--master", 2_000);
        }
    }

    @Test
    void anUnreachableMasterIsNamedWithWhy() throws IOException {
        int port = closedPort();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> StandaloneMasters.requireReachable("spark://127.0.0.1:" + port, "--master", 2_000));
        assertTrue(refused.getMessage().startsWith("cannot reach the Spark master 127.0.0.1:" + port + " (Connection "
                + "refused"), refused.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> StandaloneMasters.requireReachable("spark://no-such-host.invalid:7077", "--master", 2_000));
        assertTrue(unknown.getMessage().contains("no-such-host.invalid:7077 (unknown host)"), unknown.getMessage());
    }

    @Test
    void aMasterUrlWithoutHostAndPortIsRefused() {
        for (String url : List.of("spark://", "spark://master", "spark://master:7077,", "spark://:7077",
                "spark://master:7077/path", "spark://user@master:7077", "spark://mas ter:7077")) {
            IllegalArgumentException e = assertThrows(StandaloneMasters.MalformedMasterException.class,
                    () -> StandaloneMasters.requireReachable(url, "--master", 2_000), url);
            assertTrue(e.getMessage().startsWith("--master " + url + " is not a standalone master URL ("),
                    e.getMessage());
        }
    }

    @Test
    void aMalformedMasterIsAUsageErrorAndOneSetByConfIsNamedSo(@TempDir Path dir) throws IOException {
        String data = TestData.agNewsMini().toString();
        Result flag = run("prepare", "--data", data, "-o", dir.resolve("a").toString(), "--master", "spark://master");
        assertEquals(2, flag.code(), flag.err());
        assertTrue(flag.err().startsWith("textclf-spark: error: --master spark://master is not a standalone master "
                + "URL"), flag.err());
        Result conf = run("prepare", "--data", data, "-o", dir.resolve("b").toString(), "--conf",
                "spark.master=spark://127.0.0.1:" + closedPort());
        assertEquals(1, conf.code(), conf.err());
        assertTrue(conf.err().contains("is --conf spark.master spark://127.0.0.1:"), conf.err());
    }

    @Test
    void everyCommandAnswersTheVersion() {
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"train", "-V"},
                new String[] {"predict", "--version"}, new String[] {"prepare", "-V"})) {
            Result version = run(args);
            assertEquals(0, version.code(), version.err());
            assertTrue(version.out().matches("textclf-spark \\S+ \\(Apache Spark \\d+\\.\\d+\\.\\d+\\)\\R"),
                    String.join(" ", args) + ": " + version.out());
        }
    }

    @Test
    void aLogConfigurationOfTheUsersIsKept() {
        ClassLoader none = new ClassLoader(null) {
        };
        assertFalse(SparkMain.logConfigured(none, name -> null, name -> null));
        assertTrue(SparkMain.logConfigured(none, name -> name.equals("log4j.configurationFile") ? "x.xml" : null,
                name -> null));
        assertTrue(SparkMain.logConfigured(none, name -> null,
                name -> name.equals("LOG4J_CONFIGURATION_FILE") ? "x.xml" : null));
        assertTrue(SparkMain.logConfigured(getClass().getClassLoader(), name -> null, name -> null),
                "the tests' log4j2.properties is on the class path");
    }

    @Test
    void aModelFileThatCannotBeWrittenIsNamedWithWhy(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("in.csv"), "not a folder");
        Result result = run("train", "--data", TestData.agNewsMini().toString(), "-o",
                file.resolve("m.textclf").toString());
        assertEquals(1, result.code(), result.err());
        assertTrue(result.err().startsWith("textclf-spark: cannot write model file " + file.resolve("m.textclf")),
                result.err());
    }

    @Test
    void theCommandRefusesAnUnreachableMasterBeforeStartingSpark(@TempDir Path dir) throws IOException {
        Result result = run("prepare", "--data", TestData.agNewsMini().toString(), "-o", dir.resolve("out").toString(),
                "--master", "spark://127.0.0.1:" + closedPort());
        assertEquals(1, result.code(), result.err());
        assertTrue(result.err().startsWith("textclf-spark: cannot reach the Spark master 127.0.0.1:"), result.err());
    }

    @Test
    void flagValuesOutOfRangeAreUsageErrorsNamingTheFlag(@TempDir Path dir) {
        String missing = dir.resolve("no-such-dataset").toString();
        String model = dir.resolve("m.textclf").toString();
        String output = dir.resolve("out.textclf").toString();
        List<List<String>> cases = List.of(
                List.of("--batch-size must be in [1, 1048576], was 0", "train", "--data", missing, "-o", output,
                        "--batch-size", "0"),
                List.of("--sync-every must be at least 1 step", "train", "--data", missing, "--sync-every", "-1"),
                List.of("--partitions must be at least 1", "train", "--data", missing, "--partitions", "-2"),
                List.of("--combine must be sum, average or sparse-sum", "train", "--data", missing, "--combine", "mean"),
                List.of("--optimizer: unknown optimizer 'lbfgs' (known: sgd, adagrad, adam)", "train", "--data", missing, "--optimizer", "lbfgs"),
                List.of("--gamma does not apply to --scheduler cosine", "train", "--data", missing, "--scheduler",
                        "cosine", "--gamma", "0.5"),
                List.of("--step-size does not apply to --scheduler exponential", "train", "--data", missing,
                        "--scheduler", "exponential", "--step-size", "2"),
                List.of("--t-max does not apply to --scheduler step", "train", "--data", missing, "--scheduler", "step",
                        "--t-max", "3"),
                List.of("--eps does not apply to --optimizer sgd", "train", "--data", missing, "--eps", "1e-6"),
                List.of("--momentum does not apply to --optimizer adam", "train", "--data", missing, "--optimizer",
                        "adam", "--momentum", "0.9"),
                List.of("--dampening damps momentum: it needs --momentum above 0", "train", "--data", missing,
                        "--dampening", "0.5"),
                List.of("Unknown options: '--ngrams', '2'", "train", "--data", missing, "--ngrams", "2"),
                List.of("--min-freq", "prepare", "--data", missing, "-o", dir.toString(), "--min-freq", "0"),
                List.of("--input-format must be csv or parquet, was 'txt'", "predict", "-m", model, "-i", "in",
                        "-o", "out", "--input-format", "txt"),
                List.of("--top-k must be at least 1, was 0", "predict", "-m", model, "-i", "in", "-o", "out",
                        "-k", "0"));
        for (List<String> c : cases) {
            Result result = run(c.subList(1, c.size()).toArray(String[]::new));
            assertEquals(2, result.code(), String.join(" ", c) + ": " + result.err());
            assertTrue(result.err().startsWith("textclf-spark: error: " + c.get(0)), String.join(" ", c) + ": "
                    + result.err());
            assertEquals("Try 'textclf-spark " + c.get(1) + " --help' for more information.", result.err().lines()
                    .reduce((first, second) -> second).orElseThrow(), "the usage is for --help to print");
        }
        assertTrue(Files.notExists(Path.of(output)), "nothing was trained");
    }

    @Test
    void stdoutHoldsOnlyTheCommandsResults(@TempDir Path dir) throws Exception {
        SparkCommandProcess.Result run = SparkCommandProcess.run(dir, "prepare", "--data", TestData.agNewsMini().toString(), "-o",
                dir.resolve("prepared").toString());
        assertEquals(0, run.code(), run.out() + run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(1, lines.size(), run.out());
        assertTrue(lines.get(0).startsWith("prepared 6000 rows"), run.out());
    }

    @Test
    void aTaskThatFailsOnBadDataIsOneErrorLine(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("bad"));
        Files.copy(TestData.agNewsMini().resolve("classes.txt"), data.resolve("classes.txt"));
        Files.writeString(data.resolve("train.csv"), "\"1\",\"a title\",\"a text\"\n\"9\",\"x\",\"y\"\n");
        SparkCommandProcess.Result run = SparkCommandProcess.run(dir, "prepare", "--data", data.toString(), "-o", dir.resolve("out").toString());
        assertEquals(1, run.code(), run.err());
        assertEquals("", run.out());
        List<String> lines = run.err().lines().toList();
        assertEquals("textclf-spark: " + data.resolve("train.csv").toUri().toString().replace("file:///", "file:/")
                + ", record 2: class index 9 is outside 1..4 (the indices of the 4 classes)", lines.get(lines.size() - 1));
        assertTrue(lines.stream().noneMatch(line -> line.contains("Exception in task") || line.contains("Lost task")
                || line.contains("aborting job") || line.startsWith("\tat ")), run.err());
    }
}
