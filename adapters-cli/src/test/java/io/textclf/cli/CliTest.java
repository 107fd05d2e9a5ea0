package io.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.application.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The textclf command as users run it, on the real ag_news_mini data. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliTest {

    @TempDir
    static Path dir;

    private Path model;
    private CliRun training;

    @BeforeAll
    void train() {
        model = dir.resolve("mini.textclf");
        training = CliRun.of("train", "--data", TestData.agNewsMini().toString(), "-o", model.toString(),
                "--log-interval", "30", "--progress", "lines");
    }

    @Test
    void trainPrintsTheTutorialsProgressAndSavesTheModel() {
        assertEquals(0, training.exitCode(), training.err());
        assertTrue(training.out().contains("| epoch   1 |    30/   90 batches | accuracy"), training.out());
        assertEquals(10, training.out().lines().filter(l -> l.startsWith("| end of epoch")).count());
        assertTrue(training.out().contains("test accuracy 0.8"), training.out());
        assertTrue(training.out().endsWith("saved model to " + model + System.lineSeparator()));
        assertTrue(Files.isRegularFile(model));
    }

    @Test
    void predictGivesLabelAndProbabilityPerText() {
        CliRun run = CliRun.of("predict", "-m", model.toString(),
                "The team won the championship game after a late goal in overtime",
                "Shares of the bank fell after quarterly profit missed forecasts");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("Sports\t"), lines.get(0));
        assertTrue(lines.get(1).startsWith("Business\t"), lines.get(1));
    }

    @Test
    void predictReadsStdinAndHonoursTopKAndJson() {
        CliRun run = CliRun.withStdin("first line\nsecond \"quoted\" line\n", "predict", "-m", model.toString(),
                "--top-k", "3", "--json");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).startsWith("{\"text\":\"second \\\"quoted\\\" line\",\"labels\":[{\"label\":"), lines.get(1));
        assertEquals(3, lines.get(0).split("\"probability\"").length - 1);
    }

    @Test
    void textsWithNoWordOfTheVocabularyAreCountedAndNamedOnStderr() {
        CliRun run = CliRun.withStdin("Stocks fell sharply\nxqzv qqzzk\n\nThe team won\n", "predict", "-m",
                model.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).endsWith(",\"words\":3,\"known_words\":3}"), lines.get(0));
        assertTrue(lines.get(1).endsWith(",\"words\":2,\"known_words\":0}"), lines.get(1));
        assertTrue(lines.get(2).endsWith(",\"words\":0,\"known_words\":0}"), lines.get(2));
        assertTrue(run.err().contains("textclf: warning: 2 of 4 texts (number 2, 3) hold no word of the model's "
                + "vocabulary"), run.err());
        CliRun known = CliRun.of("predict", "-m", model.toString(), "The team won");
        assertEquals("", known.err());
    }

    @Test
    void tokenizePrintsOneLineOfTokensPerInputLine() {
        CliRun run = CliRun.withStdin("Don't stop!<br />Now: \"go\"\n\nU.S. $5\n", "tokenize");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("don ' t stop ! now go", "", "u . s . $5"), run.out().lines().toList());
    }

    @Test
    void standardInputIsUtf8WithoutItsByteOrderMark() {
        CliRun marked = CliRun.withStdin("\uFEFFStocks fell\nStocks fell\n", "tokenize");
        assertEquals(0, marked.exitCode(), marked.err());
        assertEquals(List.of("stocks fell", "stocks fell"), marked.out().lines().toList());
        CliRun markOnly = CliRun.withStdin("\uFEFF", "tokenize");
        assertEquals(0, markOnly.exitCode(), markOnly.err());
        assertEquals("", markOnly.out(), "an input of the mark alone holds no text, as an empty one");
        CliRun markAndEmptyLine = CliRun.withStdin("\uFEFF\n", "tokenize");
        assertEquals(List.of(""), markAndEmptyLine.out().lines().toList());
        CliRun shortInput = CliRun.withStdin("a", "tokenize");
        assertEquals(List.of("a"), shortInput.out().lines().toList());
        byte[] latin1 = "caf\u00e9 first\nsecond caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        CliRun notUtf8 = CliRun.withStdinBytes(Map.of(), latin1, "tokenize");
        assertEquals(1, notUtf8.exitCode());
        assertEquals("textclf: error: standard input, line 1: not valid UTF-8 text", notUtf8.err().strip());

        // lines end at \n (a \r before it goes too); a carriage return alone is whitespace inside a line, as in fastText's
        // files
        String good = "one line\r\n".repeat(600) + "a carriage return alone\rdoes not end a line ";
        byte[] badLate = (good + "caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        CliRun late = CliRun.withStdinBytes(Map.of(), badLate, "tokenize");
        assertEquals(1, late.exitCode());
        assertEquals("textclf: error: standard input, line 601: not valid UTF-8 text", late.err().strip());
        assertEquals(List.of("a b c", "second"),
                CliRun.withStdin("a\rb c\nsecond\n", "tokenize").out().lines().toList());
        assertEquals(512, late.out().lines().count(), "the two whole batches before the bad line are answered");
        assertEquals("one line", late.out().lines().findFirst().orElseThrow());
        CliRun argument = CliRun.of("tokenize", "fine", "caf\uFFFD as the JVM decodes bytes that are not UTF-8");
        assertEquals(1, argument.exitCode());
        assertEquals("textclf: error: text argument 2: not valid UTF-8 text (it holds U+FFFD, which stands for bytes "
                + "that are not UTF-8)", argument.err().strip());
    }

    @Test
    void infoDescribesTheModelFile() {
        CliRun run = CliRun.of("info", model.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("labels          World, Sports, Business, Sci/Tech"), run.out());
        assertTrue(run.out().contains("parameters      embedding.weight ["), run.out());
        assertTrue(run.out().contains("backend         reference"), run.out());
    }

    @Test
    void evaluatePrintsAccuracyAndConfusionMatrix() {
        CliRun run = CliRun.of("evaluate", "-m", model.toString(), "-d", TestData.agNewsMini().toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"examples\":1600"), run.out());
        assertTrue(run.out().contains("\"labels\":[\"World\",\"Sports\",\"Business\",\"Sci/Tech\"]"), run.out());
        assertTrue(run.out().contains("\"skipped_rows\":0"), run.out());
    }

    @Test
    void evaluateSaysHowManyMalformedRowsItSkipped() throws IOException {
        Path test = dir.resolve("bad-rows/test.csv");
        Files.createDirectories(test.getParent());
        List<String> rows = new java.util.ArrayList<>(Files.readAllLines(TestData.agNewsMini().resolve("test.csv"))
                .subList(0, 20));
        rows.add(3, "\"7\",\"x\",\"y\"");
        Files.write(test, rows);
        CliRun run = CliRun.of("evaluate", "-m", model.toString(), "-d", test.toString(), "--skip-bad-rows", "--json",
                "--progress", "none");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"skipped_rows\":1"), run.out());
        assertTrue(run.out().contains("\"examples\":20"), run.out());
        assertTrue(run.err().contains("skipped 1 malformed rows, first: "), run.err());
    }

    @Test
    void optionValuesOutOfRangeGiveOneLineAndExitCodeTwo() {
        CliRun run = CliRun.of("train", "--data", TestData.agNewsMini().toString(), "--lr", "-1");
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("textclf: error: --lr must be positive, was -1.0", run.err().strip());
    }

    @Test
    void userErrorsGiveOneLineAndExitCodeOne() throws IOException {
        assertUserError(CliRun.of("train", "--data", dir.resolve("nowhere").toString()),
                "textclf: error: no dataset folder '" + dir.resolve("nowhere") + "' and no dataset of that name (known: ag_news)");
        assertUserError(CliRun.of("evaluate", "-m", model.toString(), "-d", dir.resolve("nope.csv").toString()),
                "textclf: error: no data file '" + dir.resolve("nope.csv") + "': nothing has that path");
        Path broken = dir.resolve("broken.textclf");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(broken, Arrays.copyOf(bytes, bytes.length / 2));
        assertUserError(CliRun.of("predict", "-m", broken.toString(), "text"),
                "textclf: error: " + broken + ": truncated or padded");
        Path badData = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(badData.resolve("train.csv"), "\"1\",\"a\",\"b\"\n\"9\",\"a\",\"b\"\n");
        Files.writeString(badData.resolve("classes.txt"), "A\nB\n");
        assertUserError(CliRun.of("train", "--data", badData.toString()),
                "textclf: error: " + badData.resolve("train.csv") + ":2: class index 9 is outside 1..2");
        Path data = Files.createDirectories(dir.resolve("copy"));
        for (String name : List.of("train.csv", "test.csv", "classes.txt")) {
            Files.copy(TestData.agNewsMini().resolve(name), data.resolve(name));
        }
        assertUserError(CliRun.of("train", "--data", data.toString(), "-o", data.resolve("train.csv").toString()),
                "textclf: error: refusing to overwrite " + data.resolve("train.csv") + ": it exists and is not a model file");
        assertEquals(Files.size(TestData.agNewsMini().resolve("train.csv")), Files.size(data.resolve("train.csv")));
        CliRun emptyPath = CliRun.of("train", "--data", data.toString(), "-o", "");
        assertEquals(2, emptyPath.exitCode(), emptyPath.err());
        assertTrue(emptyPath.err().startsWith("textclf: error: Invalid value for option '--output': an empty path: "
                + "name a file or folder"), emptyPath.err());
        CliRun dash = CliRun.of("export", "-m", dir.resolve("any.textclf").toString(), "--format", "onnx", "-o", "-");
        assertEquals(2, dash.exitCode(), dash.err());
        assertTrue(dash.err().startsWith("textclf: error: Invalid value for option '--output': '-' (standard input or "
                + "output) is not read or written here"), dash.err());
        assertFalse(Files.exists(Path.of("-")));
        for (String notAPath : List.of("", "-")) {
            CliRun dataRun = CliRun.of("evaluate", "-m", dir.resolve("any.textclf").toString(), "-d", notAPath);
            assertEquals(2, dataRun.exitCode(), dataRun.err());
            assertTrue(dataRun.err().startsWith("textclf: error: Invalid value for option '--data': "), dataRun.err());
        }
        assertUserError(CliRun.of("train", "--data", data.toString(), "-o", dir.resolve("diverged.textclf").toString(),
                        "--epochs", "2", "--lr", "1e38", "--clip-norm", "1e38", "--progress", "none"),
                "textclf: error: training diverged in epoch 1");
        assertFalse(Files.exists(dir.resolve("diverged.textclf")));
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun run = CliRun.of("predict", "-m", dir.resolve("missing.textclf").toString(), "--verbose", "x");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("\tat "), run.err());
    }

    @Test
    void usageErrorsExitWithTwo() {
        CliRun run = CliRun.of("train");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Missing required option: '--data=<data>'"), run.err());
    }

    @Test
    void unknownNamesAreUsageErrorsWhereverTheSettingComesFrom() throws IOException {
        String data = TestData.agNewsMini().toString();
        String output = dir.resolve("never.textclf").toString();
        assertSettingError(CliRun.of("train", "--data", data, "-o", output, "--backend", "nope"),
                "textclf: error: unknown backend 'nope' (available: ");
        assertSettingError(CliRun.with(Map.of("TEXTCLF_BACKEND", "nope"), "", "train", "--data", data, "-o", output),
                "textclf: error: unknown backend 'nope' (available: ");
        assertSettingError(CliRun.of("train", "--data", data, "-o", output, "--device", "tpu"),
                "textclf: error: unknown device 'tpu': expected cpu, cuda, cuda:N or auto (from flag)");
        Path config = Files.writeString(dir.resolve("device.properties"), "device=tpu\n");
        assertSettingError(CliRun.of("train", "--data", data, "-o", output, "--config", config.toString()),
                "textclf: error: unknown device 'tpu': expected cpu, cuda, cuda:N or auto (from config file ");
        Path experiment = Files.writeString(dir.resolve("device-experiment.properties"), "data=" + data
                + "\ndevice=tpu\n");
        assertSettingError(CliRun.of("train", "--experiment", experiment.toString(), "-o", output),
                "textclf: error: unknown device 'tpu': expected cpu, cuda, cuda:N or auto (from experiment file "
                        + experiment + ")");
        Path server = Files.writeString(dir.resolve("device-server.properties"), "models-dir=" + dir
                + "\ndevice=tpu\n");
        assertSettingError(CliRun.of("serve", "--server-config", server.toString()),
                "textclf: error: unknown device 'tpu': expected cpu, cuda, cuda:N or auto (from server config "
                        + server + ")");
        assertSettingError(CliRun.of("train", "--data", data, "-o", output, "--tokenizer", "nope"),
                "textclf: error: unknown tokenizer 'nope' (available: basic_english)");
        assertSettingError(CliRun.of("tokenize", "--tokenizer", "nope", "text"),
                "textclf: error: unknown tokenizer 'nope' (available: basic_english)");
        assertSettingError(CliRun.of("predict", "-m", model.toString(), "--backend", "nope", "text"),
                "textclf: error: unknown backend 'nope' (available: ");
        assertSettingError(CliRun.of("predict", "-m", dir.resolve("missing.textclf").toString(), "--device", "tpu",
                "text"), "textclf: error: unknown device 'tpu'");
        assertSettingError(CliRun.of("evaluate", "-m", model.toString(), "-d", dir.resolve("nowhere").toString(),
                "--backend", "nope"), "textclf: error: unknown backend 'nope' (available: ");
        assertSettingError(CliRun.of("train", "--data", data, "-o", output, "--restore-best", "--valid-fraction", "0"),
                "textclf: error: keeping the best epoch (restore-best, best-output) needs a validation split");
        assertSettingError(CliRun.of("train", "--data", data, "-o", output, "--best-output", output),
                "textclf: error: the best model and the last one would both go to ");
        assertSettingError(CliRun.with(Map.of("TEXTCLF_AG_NEWS_URL", "ftp://mirror/ag"), "", "train", "--data", data,
                "-o", output), "textclf: error: datasets.ag_news.url 'ftp://mirror/ag' (from environment variable "
                + "TEXTCLF_AG_NEWS_URL) is not a web address: expected an http:// or https:// address with a host");
        assertFalse(Files.exists(Path.of(output)));
    }

    @Test
    void evaluateRefusesAReportItCannotWriteBeforeReadingTheData() throws IOException {
        Path foreign = Files.createDirectories(dir.resolve("foreign-report"));
        Files.writeString(foreign.resolve("report.html"), "<html>someone else's page</html>");
        CliRun run = CliRun.of("evaluate", "-m", model.toString(), "-d", TestData.agNewsMini().toString(), "--report",
                foreign.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertFalse(run.err().contains("reading") || run.err().contains("evaluation"), "no data was read: " + run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    private static void assertSettingError(CliRun run, String expectedStart) {
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().startsWith(expectedStart), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    private static void assertUserError(CliRun run, String expectedStart) {
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().startsWith(expectedStart), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }
}
