package io.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import io.textclf.application.TestData;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.modelformat.ModelFileStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What people notice in daily use of the textclf command (issue 14), on the real ag_news_mini data. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EverydayCliTest {

    @TempDir
    static Path dir;

    private final String data = TestData.agNewsMini().toString();
    private Path model;
    private CliRun piped;

    @BeforeAll
    void trainPiped() {
        model = dir.resolve("mini.textclf");
        piped = CliRun.of("train", "-d", data, "-o", model.toString(), "--epochs", "2", "--log-interval", "30",
                "--progress", "lines", "--monitor", "macro-f1", "--checkpoint-dir", dir.resolve("run").toString());
    }

    @Test
    void pipedEveryLongPhaseEndsWithAPlainLineWithItsRate() {
        assertEquals(0, piped.exitCode(), piped.err());
        for (String phase : List.of("reading", "vocabulary", "encoding", "evaluation", "saving")) {
            assertTrue(piped.out().lines().anyMatch(l -> l.startsWith(phase) && l.contains(" in ") && l.endsWith("/s")),
                    phase + " in " + piped.out());
        }
        assertTrue(piped.out().lines().anyMatch(l -> l.matches("reading +[0-9.]+ MB in \\d+:\\d\\d, [0-9.]+ MB/s")),
                piped.out());
        assertTrue(piped.out().lines().anyMatch(l -> l.startsWith("| epoch   1 |    30/   90 batches | accuracy")
                && l.matches(".* \\| \\d+ docs/s \\| words/sec/thread +\\d+ \\| elapsed \\d+:\\d\\d \\| ETA \\d+:\\d\\d")), piped.out());
        assertFalse(piped.out().contains("\r"), "no redrawn lines when piped");
    }

    @Test
    void onATerminalEachPhaseIsALiveLineWithRateElapsedAndEta() {
        CliRun bar = CliRun.of("train", "-d", data, "-o", dir.resolve("bar.textclf").toString(), "--epochs", "1",
                "--progress", "bar");
        assertEquals(0, bar.exitCode(), bar.err());
        for (String phase : List.of("reading", "vocabulary", "encoding", "epoch 1", "evaluation", "saving")) {
            assertTrue(bar.err().lines().flatMap(l -> List.of(l.split("\r")).stream())
                    .anyMatch(l -> l.startsWith(phase) && l.contains("/s") && l.contains("elapsed ")
                            && l.contains("ETA ")), phase + " in " + bar.err());
        }
        assertFalse(bar.out().contains("| epoch   1 |"), bar.out());
    }

    @Test
    void progressNonePrintsNoProgress() {
        CliRun quiet = CliRun.of("train", "-d", data, "-o", dir.resolve("quiet.textclf").toString(), "--epochs", "1",
                "--progress", "none");
        assertEquals(0, quiet.exitCode(), quiet.err());
        assertFalse(quiet.out().lines().anyMatch(l -> l.matches(".*\\d+ (docs|MB)/s.*")), quiet.out());
        assertFalse(quiet.out().contains("| epoch   1 |"), quiet.out());
        assertEquals("", quiet.err());
        assertTrue(quiet.out().contains("| end of epoch   1 |"), quiet.out());
    }

    @Test
    void epochLinesShowTheMonitoredMetric() {
        assertEquals(2, piped.out().lines().filter(l -> l.startsWith("| end of epoch")
                && l.matches(".*\\| valid macro-f1 0\\.\\d{4} \\|.*")).count(), piped.out());
        CliRun loss = CliRun.of("train", "-d", data, "-o", dir.resolve("loss.textclf").toString(), "--epochs", "1",
                "--progress", "none", "--monitor", "loss");
        assertTrue(loss.out().lines().anyMatch(l -> l.startsWith("| end of epoch   1")
                && l.matches(".*\\| valid loss \\d\\.\\d{4} \\|.*")), loss.out());
    }

    @Test
    void whatCanBeCheckedBeforeReadingIsCheckedBeforeReading() {
        String nowhere = dir.resolve("no-such-data").toString();
        CliRun parity = CliRun.of("bench", "parity", "-d", nowhere, "--device", "cuda");
        assertEquals(1, parity.exitCode(), parity.err());
        assertTrue(parity.err().strip().endsWith("(use device cpu or auto) (the side checked)"), parity.err());
        CliRun adam = CliRun.of("train", "-d", nowhere, "--backend", "nd4j", "--optimizer", "adam");
        assertEquals(1, adam.exitCode());
        assertTrue(adam.err().startsWith("textclf: error: the nd4j backend implements SGD only"), adam.err());
        assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "this machine has a GPU");
        CliRun cuda = CliRun.of("train", "-d", nowhere, "--backend", "djl", "--device", "cuda");
        assertEquals(1, cuda.exitCode());
        assertTrue(cuda.err().startsWith("textclf: error: backend 'djl' cannot use device cuda"), cuda.err());
        CliRun evaluate = CliRun.with(Map.of("TEXTCLF_DEVICE", "cuda"), "", "evaluate", "-m", model.toString(), "-d",
                nowhere, "--backend", "djl");
        assertEquals(1, evaluate.exitCode());
        assertTrue(evaluate.err().startsWith("textclf: error: backend 'djl' cannot use device cuda"), evaluate.err());
        assertTrue(evaluate.err().strip().endsWith("(device cuda from environment variable TEXTCLF_DEVICE)"),
                evaluate.err());
    }

    @Test
    void relativePathsInAnExperimentFileAreRelativeToTheFile() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("experiments/a"));
        Path copy = Files.createDirectories(dir.resolve("experiments/data"));
        for (String name : List.of("train.csv", "test.csv", "classes.txt")) {
            Files.copy(TestData.agNewsMini().resolve(name), copy.resolve(name));
        }
        Path file = Files.writeString(folder.resolve("run.yaml"),
                "data: ../data\noutput: out/model.textclf\nepochs: 1\nprogress: none\n");
        Files.createDirectories(folder.resolve("out"));
        CliRun run = CliRun.of("train", "-x", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(folder.resolve("out/model.textclf")), run.out());
    }

    @Test
    void aDataPathInAnExperimentFileIsNeverLookedUpInTheWorkingFolder() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("target")), "the tests run in the module's folder");
        Path folder = Files.createDirectories(dir.resolve("experiments/b"));
        Path file = Files.writeString(folder.resolve("run.yaml"), "data: ./target\nepochs: 1\nprogress: none\n");
        CliRun run = CliRun.of("train", "-x", file.toString(), "-o", folder.resolve("model.textclf").toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains(folder.resolve("target").toString()), run.err());
    }

    @Test
    void evaluateTakesADataFile() {
        CliRun run = CliRun.of("evaluate", "-m", model.toString(), "-d",
                TestData.agNewsMini().resolve("test.csv").toString(), "--json", "--progress", "none");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("{\"test_file\":\"" + TestData.agNewsMini().resolve("test.csv") + "\""),
                run.out());
        assertTrue(run.out().contains("\"examples\":1600"), run.out());
    }

    @Test
    void evaluateTakesAFolderWithATestFileAndNoTrainingFile() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("test-only"));
        for (String name : List.of("test.csv", "classes.txt")) {
            Files.copy(TestData.agNewsMini().resolve(name), folder.resolve(name));
        }
        CliRun run = CliRun.of("evaluate", "-m", model.toString(), "-d", folder.toString(), "--json", "--progress",
                "none");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"examples\":1600"), run.out());
    }

    @Test
    void evaluateOnAFolderWithoutDataNamesTheTestFilesItTakes() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("no-data"));
        CliRun run = CliRun.of("evaluate", "-m", model.toString(), "-d", empty.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertEquals("textclf: error: " + empty + ": expected a test file: test.csv[.gz] (with classes.txt beside it, "
                + "or classes from the model) or test.txt[.gz]", run.err().strip());
    }

    @Test
    void aReportFolderThatCannotBeWrittenFailsTheTrainingBeforeItStarts() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
        Path output = dir.resolve("never.textclf");
        CliRun run = CliRun.of("train", "-d", TestData.agNewsMini().toString(), "--epochs", "1", "--progress", "none",
                "-o", output.toString(), "--report", notAFolder.resolve("report").toString());
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().startsWith("textclf: error: cannot write report "), run.err());
        assertTrue(!Files.exists(output), "no training ran");
    }

    @Test
    void infoHasJson() {
        CliRun run = CliRun.of("info", model.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.out().lines().count(), run.out());
        assertTrue(run.out().startsWith("{\"model_file\":"), run.out());
        assertTrue(run.out().contains("\"settings\":{\"epochs\":2,\"lr\":5.0,\"batch-size\":64,"), run.out());
        assertTrue(run.out().contains("\"monitor\":\"macro-f1\""), run.out());
        assertTrue(run.out().contains("\"labels\":[\"World\",\"Sports\",\"Business\",\"Sci/Tech\"]"), run.out());
        ModelArtifact artifact = new ModelFileStore().load(model);
        int rows = artifact.vocabulary().size();
        int dim = artifact.parameters().dims().embeddingDim();
        assertTrue(run.out().contains("\"parameters\":{\"embedding.weight\":[" + rows + "," + dim
                + "],\"fc.weight\":[4," + dim + "],\"fc.bias\":[4]}"), run.out());
    }

    @Test
    void infoShowsOnlyWhatTheRunHad() {
        Path cosine = dir.resolve("cosine.textclf");
        CliRun train = CliRun.of("train", "-d", TestData.agNewsMini().toString(), "--epochs", "1", "--embed-dim", "8",
                "--scheduler", "cosine", "--valid-fraction", "0", "--progress", "none", "-o", cosine.toString());
        assertEquals(0, train.exitCode(), train.err());
        String cosineLine = infoLine(cosine, "hyperparameters");
        assertFalse(cosineLine.contains("gamma") || cosineLine.contains("step"), "no gamma or step: " + cosineLine);
        assertTrue(infoLine(model, "hyperparameters").contains(", gamma 0.1, step 1, clip 0.1,"));
        assertTrue(infoLine(cosine, "epoch   1").contains(", no validation split, "), infoLine(cosine, "epoch   1"));
        Map<?, ?> json = (Map<?, ?>) io.textclf.modelexchange.json.JsonReader.parse(
                CliRun.of("info", cosine.toString(), "--json").out());
        assertTrue(json.containsKey("best_epoch") && json.get("best_epoch") == null, "no epoch was judged: " + json);
    }

    private static String infoLine(Path file, String start) {
        CliRun info = CliRun.of("info", file.toString());
        assertEquals(0, info.exitCode(), info.err());
        return info.out().lines().filter(line -> line.startsWith(start)).findFirst().orElseThrow();
    }

    /** Files of the formats textclf exports, or of no model at all, given where a model file goes. */
    @Test
    void foreignFilesAndFoldersGivenAsModelsSayWhatToDo() throws Exception {
        Path safetensors = Files.write(dir.resolve("state.safetensors"), new byte[64]);
        CliRun run = CliRun.of("predict", "-m", safetensors.toString(), "text");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("(no TEXTCLF header); a safetensors state_dict becomes a model file with "
                + "'textclf import --state-dict " + safetensors + "'"), run.err());
        Path empty = Files.createDirectories(dir.resolve("no-checkpoints"));
        CliRun info = CliRun.of("info", empty.toString());
        assertEquals(1, info.exitCode());
        assertEquals("textclf: error: no checkpoint (epoch-NNNN[-batch-NNNNNN].ckpt) in " + empty, info.err().strip());
    }

    @Test
    void tokenizeHasJson() {
        CliRun run = CliRun.withStdin("Don't stop!\n", "tokenize", "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("{\"text\":\"Don't stop!\",\"tokens\":[\"don\",\"'\",\"t\",\"stop\",\"!\"]}", run.out().strip());
    }

    @Test
    void topKZeroIsAUsageError() {
        CliRun run = CliRun.of("predict", "-m", model.toString(), "--top-k", "0", "text");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("textclf: error: --top-k must be at least 1, was 0"), run.err());
    }

    @Test
    void topKBeyondTheClassesGivesEveryClassAndSaysSo() {
        CliRun run = CliRun.of("predict", "-m", model.toString(), "--top-k", "9", "Stocks slid as oil prices jumped");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(4 * 2, run.out().strip().split("\t").length, run.out());
        assertTrue(run.err().contains("textclf: warning: --top-k 9 is more than the model's 4 classes"), run.err());
    }

    @Test
    void resumingWithAnotherValueNamesTheFlag() {
        CliRun run = CliRun.of("train", "--resume", dir.resolve("run").toString(), "--lr", "0.1");
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().startsWith("textclf: error: resuming " + dir.resolve("run") + ": --lr 0.1 (flag), "
                + "the checkpoint has 5.0; only --epochs"), run.err());
        assertFalse(run.err().contains("learningRate"), run.err());
    }

    @Test
    void resumingWithFewerEpochsThanDoneIsRefusedBeforeReadingTheData() {
        Path resumed = dir.resolve("fewer.textclf");
        CliRun run = CliRun.of("train", "--resume", dir.resolve("run").toString(), "--epochs", "1", "-o",
                resumed.toString(), "--checkpoint-dir", dir.resolve("fewer-run").toString());
        assertEquals(2, run.exitCode(), run.out());
        assertEquals("textclf: error: resuming " + dir.resolve("run") + ": the checkpoint is past epoch 2, so --epochs 1 "
                + "(flag) has nothing left to train: give more epochs\n", run.err());
        assertEquals("", run.out(), "no data was read");
        assertFalse(Files.exists(dir.resolve("fewer-run")), "no checkpoint folder was made");
    }

    @Test
    void aCheckpointFolderInUseIsRefused() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("busy"));
        try (FileChannel channel = FileChannel.open(folder.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            CliRun run = CliRun.of("train", "-d", data, "-o", dir.resolve("busy.textclf").toString(),
                    "--checkpoint-dir", folder.toString());
            assertEquals(1, run.exitCode(), run.out());
            assertTrue(run.err().startsWith("textclf: error: checkpoint folder " + folder + " is in use by another "
                    + "training run"), run.err());
            assertTrue(lock.isValid());
        }
    }

    @Test
    void trainWithoutArgumentsSaysWhatIsMissingInTwoLines() {
        CliRun run = CliRun.of("train");
        assertEquals(2, run.exitCode());
        assertEquals(List.of("textclf: error: Missing required option: '--data=<data>'",
                "Try 'textclf train --help' for more information."), run.err().lines().toList());
    }

    @Test
    void anUnreadableTokenFileSaysWhy() throws IOException {
        Path missing = dir.resolve("tokens.txt");
        CliRun run = CliRun.of("serve", "--models-dir", dir.toString(), "--token-file", missing.toString());
        assertEquals(2, run.exitCode(), "a settings file that is not there is a usage error: " + run.err());
        assertEquals("textclf: error: cannot read token file " + missing + ": no such file", run.err().strip());
        Path empty = Files.writeString(dir.resolve("empty-tokens.txt"), "# no token yet\n");
        CliRun none = CliRun.of("serve", "--models-dir", dir.toString(), "--token-file", empty.toString());
        assertEquals(2, none.exitCode(), none.err());
        assertEquals("textclf: error: token file " + empty + " holds no token", none.err().strip());
        Path spaced = Files.writeString(dir.resolve("spaced-tokens.txt"), "team-a  # the comment goes\nteam b\n");
        CliRun twoWords = CliRun.of("serve", "--models-dir", dir.toString(), "--token-file", spaced.toString());
        assertEquals(2, twoWords.exitCode(), twoWords.err());
        assertEquals("textclf: error: token file " + spaced + " line 2: a bearer token is one word, this line holds "
                + "several ('#' starts a comment)", twoWords.err().strip());
        assertEquals(List.of("team-a", "team-c"), ServeCommand.readTokens(Files.writeString(dir.resolve("t.txt"),
                "team-a  # the comment goes\n\n# team-b left\nteam-c\n")));
    }

    @Test
    void aTokenFileWithoutPermissionSaysSo() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "token\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(secret), "running as root: every file is readable");
        CliRun run = CliRun.of("serve", "--models-dir", dir.toString(), "--token-file", secret.toString());
        assertEquals("textclf: error: cannot read token file " + secret + ": permission denied", run.err().strip());
    }

    @Test
    void reportCompareOverlaysSeveralRuns() throws IOException {
        List<String> files = new java.util.ArrayList<>();
        for (String lr : List.of("1", "5")) {
            Path file = dir.resolve("lr" + lr + ".textclf");
            assertEquals(0, CliRun.of("train", "-d", data, "-o", file.toString(), "--epochs", "2", "--lr", lr,
                    "--progress", "none").exitCode());
            files.add(file.toString());
        }
        files.add(model.toString());
        Path out = dir.resolve("comparison");
        List<String> args = new java.util.ArrayList<>(List.of("report", "compare", "-o", out.toString()));
        args.addAll(files);
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("wrote comparison of 3 runs to " + out.resolve("report.html"), run.out().strip());
        assertFalse(run.err().contains("warning"), "the runs were tested on the same file: " + run.err());
        String html = Files.readString(out.resolve("report.html"));
        for (String name : List.of("lr1.textclf", "lr5.textclf", "mini.textclf")) {
            assertTrue(html.contains(">" + name + "</td>"), name);
        }
        assertTrue(html.contains("<tr><th>--lr</th><td>1.0</td><td>5.0</td><td>5.0</td></tr>"), html);
        List<String> withJson = new java.util.ArrayList<>(args);
        withJson.add("--json");
        Map<?, ?> json = (Map<?, ?>) io.textclf.modelexchange.json.JsonReader.parse(
                CliRun.of(withJson.toArray(String[]::new)).out());
        Map<?, ?> first = (Map<?, ?>) ((List<?>) json.get("runs")).get(0);
        assertEquals(java.util.Set.of("label", "model_file", "test_accuracy", "test_macro_f1", "test_loss", "epochs",
                "best_epoch", "best_validation_accuracy", "training_seconds", "backend"), first.keySet(),
                "each run as the page's table has it");
        assertEquals(2, ((Number) first.get("epochs")).intValue());
        CliRun one = CliRun.of("report", "compare", model.toString(), "-o", out.toString());
        assertEquals(2, one.exitCode(), one.err());
        assertEquals("textclf: error: report compare needs two runs or more, was given " + model + " alone",
                one.err().strip());
        CliRun same = CliRun.of("report", "compare", model.toString(), model.toString());
        assertEquals(2, same.exitCode(), same.err());
        assertTrue(same.err().startsWith("textclf: error: report compare was given the same run twice: "), same.err());
    }

    @Test
    void severalThreadsOnABackendWithoutHogwildAreRefusedBeforeTheDataIsRead() {
        CliRun run = CliRun.of("train", "-d", "no-such-folder", "--threads", "2", "--backend", "djl", "-o", "x.textclf");
        assertEquals(1, run.exitCode(), run.err());
        assertEquals("textclf: error: the djl backend trains on one thread: more than one training thread needs the "
                + "reference backend", run.err().strip());
    }

    @Test
    void benchTrainChecksEveryBackendBeforeTheFirstRun() {
        CliRun run = CliRun.of("bench", "train", "-d", data, "--epochs", "1", "--repeat", "1", "--threads", "2",
                "--backends", "reference,djl");
        assertEquals(1, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertTrue(run.err().strip().endsWith("the djl backend trains on one thread: more than one training thread "
                + "needs the reference backend"), run.err());
    }

    @Test
    void runOptionsOutOfRangeAreUsageErrors() {
        CliRun every = CliRun.of("train", "-d", data, "--checkpoint-every", "-1", "-o", "x.textclf");
        assertEquals(2, every.exitCode(), every.err());
        assertEquals("textclf: error: checkpoint interval must be at least 0 batches, was -1", every.err().strip());
        CliRun keep = CliRun.of("train", "-d", data, "--keep-checkpoints", "-1", "-o", "x.textclf");
        assertEquals(2, keep.exitCode(), keep.err());
        CliRun keepNowhere = CliRun.of("train", "-d", data, "--keep-checkpoints", "3", "-o", "x.textclf");
        assertEquals(2, keepNowhere.exitCode(), keepNowhere.err());
        assertEquals("textclf: error: checkpoints to keep need a checkpoint folder", keepNowhere.err().strip());
        CliRun bestOverLast = CliRun.of("train", "-d", data, "--checkpoint-dir", "runs/a", "-o", "runs/a/best.textclf");
        assertEquals(2, bestOverLast.exitCode(), bestOverLast.err());
        assertTrue(bestOverLast.err().contains("(the checkpoint folder's best.textclf); choose two files"),
                bestOverLast.err());
        CliRun threads = CliRun.of("train", "-d", "no-such-dataset", "--threads", "2", "--checkpoint-dir",
                "never-made", "--checkpoint-every", "10", "-o", "x.textclf");
        assertEquals(2, threads.exitCode(), threads.err());
        assertEquals("textclf: error: checkpoints within an epoch need one training thread, not 2",
                threads.err().strip(), "refused before the data is looked for");
    }

    @Test
    void benchStepRefusesAnUnknownBackendOrDatasetBeforeMeasuring() {
        CliRun backend = CliRun.of("bench", "step", "-d", data, "--backends", "reference,foo");
        assertEquals(2, backend.exitCode(), backend.err());
        assertTrue(backend.err().startsWith("textclf: error: unknown backend 'foo' (available: "), backend.err());
        assertEquals("", backend.out());
        CliRun soak = CliRun.of("bench", "soak", "-d", data, "--backend", "foo", "--duration", "1s");
        assertEquals(2, soak.exitCode(), soak.err());
        assertEquals("", soak.out(), "refused before the soak starts");
        CliRun dataset = CliRun.of("bench", "step", "-d", "no-such-dataset");
        assertEquals(1, dataset.exitCode(), dataset.err());
        assertTrue(dataset.err().startsWith("textclf: error: ") && dataset.err().contains("no-such-dataset"),
                dataset.err());
    }

    @Test
    void benchTrainHasJson() {
        CliRun run = CliRun.of("bench", "train", "-d", data, "--epochs", "1", "--repeat", "3", "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("{\"epochs\":1,\"repeat\":3,\"backends\":[{\"backend\":\"reference\","),
                run.out());
        Map<?, ?> reference = (Map<?, ?>) ((List<?>) ((Map<?, ?>) io.textclf.modelexchange.json.JsonReader
                .parse(run.out())).get("backends")).get(0);
        double[] accuracies = ((List<?>) reference.get("test_accuracy")).stream()
                .mapToDouble(a -> ((Number) a).doubleValue()).sorted().toArray();
        assertEquals(3, accuracies.length);
        assertEquals(accuracies[1], ((Number) reference.get("median_test_accuracy")).doubleValue());
        assertEquals(1, run.out().lines().count(), run.out());
        assertTrue(run.err().contains("backend") && run.err().contains("med"), "the table goes to stderr");
    }

    @Test
    void benchStepRefusesATrainingFileOfOneBatchInOneLine() throws IOException {
        Path tiny = Files.createDirectories(dir.resolve("tiny"));
        Files.write(tiny.resolve("train.csv"), Files.readAllLines(Path.of(data).resolve("train.csv")).subList(0, 40));
        Files.copy(Path.of(data).resolve("classes.txt"), tiny.resolve("classes.txt"));
        CliRun run = CliRun.of("bench", "step", "-d", tiny.toString(), "--iterations", "1", "--forks", "0");
        assertEquals(1, run.exitCode(), run.err());
        assertEquals("textclf: error: " + tiny.resolve("train.csv") + ": bench step needs more than 64 training rows "
                + "(it steps through batches of 64), the file has 40", run.err().lines()
                .filter(l -> l.startsWith("textclf:")).findFirst().orElse(run.err()));
    }

    @Test
    void benchParityPassesForTheSameBackendAndFailsBeyondTheTolerance() {
        CliRun same = CliRun.of("bench", "parity", "-d", data, "--steps", "5", "--device", "cpu", "--json");
        assertEquals(0, same.exitCode(), same.err());
        assertTrue(same.out().startsWith(
                "{\"actual\":\"reference on cpu\",\"expected\":\"reference on cpu\",\"steps\":5,")
                && same.out().contains("\"max_parameter_difference\":0.0,") && same.out().contains("\"within\":true"),
                same.out());

        CliRun other = CliRun.of("bench", "parity", "-d", data, "--steps", "5", "--backend", "djl", "--device", "auto",
                "--tolerance", "0");
        assertEquals(1, other.exitCode(), other.out() + other.err());
        assertTrue(other.out().startsWith("parity of djl on cpu with reference on cpu over 5 steps"),
                "the device auto chose (this build's libtorch is for the CPU): " + other.out());
        assertTrue(other.out().contains("FAIL: beyond 0e+00 relative"), other.out());
    }
}
