package io.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.application.TestData;
import io.textclf.modelexchange.json.JsonReader;
import io.textclf.modelformat.ModelFileStore;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.RunSetting;
import io.textclf.domain.train.OptimizerSpec;
import io.textclf.domain.train.SchedulerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Experiment files, checkpoints and resume, reports and metrics through the textclf command. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExperimentCliTest {

    @TempDir
    static Path dir;

    private final String data = TestData.agNewsMini().toString();
    private Path experiment;
    private Path model;
    private CliRun training;

    @BeforeAll
    void trainFromAnExperimentFile() throws IOException {
        experiment = dir.resolve("experiment.yaml");
        Files.writeString(experiment, String.join("\n",
                "# a small Adam run",
                "data: " + data,
                "epochs: 4",
                "optimizer: adam",
                "lr: 0.5",
                "scheduler: cosine",
                "eta_min: 1e-4",
                "checkpoint-dir: " + dir.resolve("checkpoints"),
                "progress: none",
                ""));
        model = dir.resolve("adam.textclf");
        training = CliRun.of("train", "--experiment", experiment.toString(), "--lr", "0.01", "-o", model.toString(),
                "--report", dir.resolve("report").toString());
    }

    @Test
    void flagsOverrideTheExperimentFileAndTheModelFileRecordsEverySource() {
        assertEquals(0, training.exitCode(), training.err());
        ModelArtifact artifact = new ModelFileStore().load(model);
        assertEquals(4, artifact.settings().epochs());
        assertEquals(0.01, artifact.settings().learningRate(), "the flag wins over the file");
        assertEquals(OptimizerSpec.Adam.defaults(), artifact.settings().optimizer());
        assertEquals(new SchedulerSpec.Cosine(4, 1e-4), artifact.settings().scheduler(), "t-max defaults to the epochs");
        List<RunSetting> run = artifact.provenance().runSettings();
        assertTrue(run.contains(new RunSetting("lr", "0.01", "flag")), run.toString());
        assertTrue(run.contains(new RunSetting("optimizer", "adam", "experiment file " + experiment)), run.toString());
        assertTrue(run.contains(new RunSetting("batch-size", "64", "default")), run.toString());
        assertTrue(run.stream().noneMatch(r -> r.name().equals("momentum")), "settings of other rules are left out");
        assertTrue(training.out().contains("saved checkpoint " + dir.resolve("checkpoints").resolve("epoch-0004.ckpt")));
        assertTrue(training.out().contains("saved best model (epoch "), training.out());
    }

    @Test
    void trainPrintsAnAlignedPerClassTableByClassName() {
        List<String> lines = training.out().lines().toList();
        int header = lines.indexOf("class        precision    recall        f1   support");
        assertTrue(header > 0, training.out());
        assertTrue(lines.get(header + 1).matches("World +0\\.\\d{4} +0\\.\\d{4} +0\\.\\d{4} +400"), lines.get(header + 1));
        assertTrue(lines.get(header + 4).startsWith("Sci/Tech "), lines.get(header + 4));
        for (int row = header + 1; row <= header + 4; row++) {
            assertEquals(lines.get(header).length(), lines.get(row).length(), "columns line up: " + lines.get(row));
        }
        assertTrue(training.out().contains("top-3 acc "), training.out());
    }

    @Test
    void infoShowsHowTheModelWasMade() {
        CliRun info = CliRun.of("info", model.toString());
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().contains("optimizer       Adam(betas=(0.9, 0.999), eps=1.0E-8, weight_decay=0.0), lr 0.01"),
                info.out());
        assertTrue(info.out().contains("schedule        CosineAnnealingLR(T_max=4, eta_min=1.0E-4)"), info.out());
        assertTrue(info.out().contains("setting         optimizer = adam (experiment file " + experiment + ")"), info.out());
        assertTrue(info.out().contains("  macro avg "), info.out());
    }

    @Test
    void theReportPageIsWritten() throws IOException {
        String page = Files.readString(dir.resolve("report").resolve("report.html"));
        assertTrue(page.contains("<svg class=\"heatmap\""));
        assertTrue(page.contains("CosineAnnealingLR(T_max=4, eta_min=1.0E-4)"));
    }

    @Test
    void infoDescribesACheckpointAndHowToResumeItAndPredictSaysItIsNoModelFile() {
        Path epoch2 = dir.resolve("checkpoints").resolve("epoch-0002.ckpt");
        CliRun info = CliRun.of("info", epoch2.toString());
        assertEquals(0, info.exitCode(), info.err());
        List<String> lines = info.out().lines().toList();
        assertEquals("checkpoint      " + epoch2, lines.get(0));
        assertTrue(lines.get(1).startsWith("training        2 of 4 epochs done, on ")
                && lines.get(1).endsWith("ag_news_mini"), lines.get(1));
        Path branch = dir.resolve("checkpoints-from-epoch-0002");
        String resume = "textclf train --resume " + epoch2 + " --checkpoint-dir " + branch + " -o "
                + branch.resolve("model.textclf") + " --report " + branch.resolve("report");
        assertEquals("resume          " + resume, lines.get(2), "later checkpoints beside it: a branch of its own");
        assertTrue(info.out().contains("optimizer       Adam("), info.out());
        CliRun json = CliRun.of("info", epoch2.toString(), "--json");
        Map<?, ?> checkpoint = (Map<?, ?>) ((Map<?, ?>) JsonReader.parse(json.out())).get("checkpoint");
        assertEquals(2, ((Number) checkpoint.get("epochs_done")).intValue());
        assertEquals(resume, checkpoint.get("resume"));
        Path last = dir.resolve("checkpoints").resolve("epoch-0004.ckpt");
        assertTrue(CliRun.of("info", last.toString()).out().contains("resume          textclf train --resume " + last
                + " --epochs 8" + System.lineSeparator()), "a finished run needs more epochs to resume");
        CliRun folder = CliRun.of("info", dir.resolve("checkpoints").toString());
        assertEquals("checkpoint      " + last, folder.out().lines().findFirst().orElseThrow(), "a folder: its newest");
        assertTrue(folder.out().contains("test accuracy   not measured yet (a run is tested when it ends)"),
                folder.out());
        assertEquals(null, ((Map<?, ?>) JsonReader.parse(CliRun.of("info", model.toString(), "--json").out()))
                .get("checkpoint"), "a model file is no checkpoint");
        CliRun predict = CliRun.of("predict", "-m", epoch2.toString(), "some text");
        assertEquals(1, predict.exitCode());
        assertEquals("textclf: error: " + epoch2 + ": a textclf checkpoint, not a model file ('textclf info " + epoch2
                + "' says where its run stands and the command that resumes it)", predict.err().strip());
    }

    @Test
    void resumingFromACheckpointGivesTheUninterruptedModel() {
        Path epoch2 = dir.resolve("checkpoints").resolve("epoch-0002.ckpt");
        Path resumed = dir.resolve("resumed.textclf");
        CliRun run = CliRun.of("train", "--resume", epoch2.toString(), "-o", resumed.toString(), "--checkpoint-dir",
                dir.resolve("resumed-checkpoints").toString(), "--progress", "none");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("resuming from " + epoch2 + " after 2 epochs"), run.out());
        ModelArtifact original = new ModelFileStore().load(model);
        ModelArtifact continued = new ModelFileStore().load(resumed);
        assertEquals(original.settings(), continued.settings(), "settings come from the checkpoint");
        assertEquals(original.parameters(), continued.parameters());
        assertEquals(original.metrics().test(), continued.metrics().test());
        assertTrue(continued.provenance().runSettings().contains(
                new RunSetting("optimizer", "adam", "checkpoint " + epoch2)), continued.provenance().runSettings().toString());
    }

    @Test
    void theResumeCommandInfoSuggestsRunsAndLeavesTheRunThatWentOnAsItWas() throws IOException {
        Path epoch3 = dir.resolve("checkpoints").resolve("epoch-0003.ckpt");
        String command = resumeCommand(epoch3);
        byte[] before = Files.readAllBytes(model);
        List<String> args = new ArrayList<>(List.of(command.replaceFirst("^textclf ", "").split(" ")));
        args.addAll(List.of("--progress", "none"));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        Path branch = dir.resolve("checkpoints-from-epoch-0003");
        assertTrue(Files.exists(branch.resolve("epoch-0004.ckpt")) && Files.exists(branch.resolve("model.textclf"))
                && Files.exists(branch.resolve("report").resolve("report.html")), run.out());
        assertTrue(Arrays.equals(before, Files.readAllBytes(model)), "the first run's model is kept");
        assertTrue(resumeCommand(epoch3).contains(" --checkpoint-dir " + branch + "-2 "),
                "a second branch goes to a folder of its own");
    }

    @Test
    void aRunThatStoppedEarlySaysSoAndMoreEpochsAreRefused() throws IOException {
        Path folder = dir.resolve("stopped");
        CliRun run = CliRun.of("train", "-d", data, "--epochs", "20", "--patience", "1", "--monitor", "loss",
                "--checkpoint-dir", folder.toString(), "-o", dir.resolve("stopped.textclf").toString(), "--progress",
                "none");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("stopped early after epoch "), run.out());
        Path last;
        try (var files = Files.list(folder)) {
            last = files.filter(file -> file.getFileName().toString().endsWith(".ckpt")).sorted()
                    .reduce((first, second) -> second).orElseThrow();
        }
        CliRun info = CliRun.of("info", last.toString());
        assertTrue(info.out().lines().anyMatch(line -> line.startsWith("stopped early   validation loss did not "
                + "improve") && line.contains("resuming would only write its model file again")), info.out());
        Map<?, ?> json = (Map<?, ?>) ((Map<?, ?>) JsonReader.parse(CliRun.of("info", last.toString(), "--json").out()))
                .get("checkpoint");
        assertTrue(((String) json.get("stop_reason")).startsWith("validation loss did not improve"), json.toString());
        CliRun longer = CliRun.of("train", "--resume", folder.toString(), "--epochs", "30");
        assertEquals(2, longer.exitCode(), longer.err());
        assertTrue(longer.err().contains("the run stopped early after epoch ") && longer.err().contains(
                "--epochs 30 would train nothing more"), longer.err());
    }

    /** The environment's backend is the machine's default; the checkpoint's is the run's own, whatever named it. */
    @Test
    void aResumedRunStaysOnTheCheckpointsBackend() throws IOException {
        Path epoch2 = dir.resolve("checkpoints").resolve("epoch-0002.ckpt");
        Path resumed = dir.resolve("resumed-under-nd4j.textclf");
        CliRun run = CliRun.with(Map.of("TEXTCLF_BACKEND", "nd4j"), "", "train", "--resume", epoch2.toString(), "-o",
                resumed.toString(), "--checkpoint-dir", dir.resolve("resumed-under-nd4j").toString(), "--progress",
                "none");
        assertEquals(0, run.exitCode(), run.err());
        ModelArtifact continued = new ModelFileStore().load(resumed);
        assertEquals("reference", continued.provenance().backend());
        assertTrue(continued.provenance().runSettings().contains(new RunSetting("backend", "reference",
                "checkpoint " + epoch2)), continued.provenance().runSettings().toString());
        Path gone = Files.createDirectories(dir.resolve("backend-gone")).resolve("epoch-0002.ckpt");
        io.textclf.modelformat.CheckpointStore store = new io.textclf.modelformat.CheckpointStore();
        io.textclf.modelformat.Checkpoint original = store.load(epoch2);
        ModelArtifact m = original.model();
        io.textclf.domain.model.Provenance p = m.provenance();
        store.save(new io.textclf.modelformat.Checkpoint(new ModelArtifact(m.pipeline(), m.vocabulary(), m.labels(),
                m.parameters(), m.settings(), m.metrics(), new io.textclf.domain.model.Provenance(p.datasets(), "gone",
                p.textclfVersion(), p.javaVersion(), p.createdAt(), p.os(), p.trainingSeconds(), p.runSettings(),
                p.resumedFrom())), original.state(), original.dataset()), gone);
        CliRun missing = CliRun.of("train", "--resume", gone.toString(), "--progress", "none");
        assertEquals(2, missing.exitCode(), missing.err());
        assertTrue(missing.err().contains("unknown backend 'gone' (available: ") && missing.err().contains(
                "), from checkpoint " + gone + "; "), missing.err());
    }

    /** A checkpoint of a program's own schedule (the domain as a library) is not resumed by the command. */
    @Test
    void aCheckpointOfAProgramsOwnScheduleIsNotResumedByTheCommand() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("custom-schedule"));
        Path file = folder.resolve("epoch-0002.ckpt");
        io.textclf.modelformat.CheckpointStore store = new io.textclf.modelformat.CheckpointStore();
        io.textclf.modelformat.Checkpoint original = store.load(dir.resolve("checkpoints").resolve("epoch-0002.ckpt"));
        ModelArtifact m = original.model();
        SchedulerSpec halving = new SchedulerSpec.Custom("halve", "halves the rate", s -> {
            throw new AssertionError("not run by the command");
        });
        store.save(new io.textclf.modelformat.Checkpoint(new ModelArtifact(m.pipeline(), m.vocabulary(), m.labels(),
                m.parameters(), m.settings().withScheduler(halving), m.metrics(), m.provenance()), original.state(),
                original.dataset()), file);
        String why = "its schedule 'halve' (halves the rate) is the training program's own: only that program can "
                + "resume it";
        assertTrue(CliRun.of("info", file.toString()).out().contains("resume          not with textclf: " + why));
        assertEquals(null, ((Map<?, ?>) ((Map<?, ?>) JsonReader.parse(CliRun.of("info", file.toString(), "--json")
                .out())).get("checkpoint")).get("resume"));
        CliRun run = CliRun.of("train", "--resume", file.toString(), "--progress", "none");
        assertEquals(1, run.exitCode(), run.err());
        assertEquals("textclf: error: cannot resume " + file + ": " + why, run.err().strip());
    }

    private static String resumeCommand(Path checkpoint) {
        return (String) ((Map<?, ?>) ((Map<?, ?>) JsonReader.parse(CliRun.of("info", checkpoint.toString(), "--json")
                .out())).get("checkpoint")).get("resume");
    }

    @Test
    void aCopiedRunFolderResumesIntoTheCopyAndRecordsItsPathsAbsolute() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("copied-checkpoints"));
        Path last = dir.resolve("checkpoints").resolve("epoch-0004.ckpt");
        Files.copy(last, copy.resolve("epoch-0004.ckpt"));
        Path longer = dir.resolve("longer.textclf");
        CliRun run = CliRun.of("train", "--resume", copy.toString(), "--epochs", "5", "-o", longer.toString(),
                "--report", dir.resolve("longer-report").toString(), "--progress", "none");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.exists(copy.resolve("epoch-0005.ckpt")) && Files.exists(copy.resolve("best.textclf")));
        assertFalse(Files.exists(dir.resolve("checkpoints").resolve("epoch-0005.ckpt")), "the original is untouched");
        List<RunSetting> settings = new ModelFileStore().load(longer).provenance().runSettings();
        assertTrue(settings.contains(new RunSetting("checkpoint-dir", copy.toString(), "checkpoint " + copy)),
                settings.toString());
        assertTrue(new ModelFileStore().load(model).provenance().runSettings().contains(new RunSetting("output",
                model.toAbsolutePath().toString(), "flag")), "a path is recorded absolute");

        Path branch = Files.createDirectories(dir.resolve("copied-again"));
        Files.copy(last, branch.resolve("epoch-0004.ckpt"));
        byte[] before = Files.readAllBytes(model);
        CliRun alone = CliRun.of("train", "--resume", branch.toString(), "--epochs", "5", "--progress", "none");
        assertEquals(0, alone.exitCode(), alone.err());
        assertTrue(Files.exists(branch.resolve("model.textclf"))
                && Files.exists(branch.resolve("report").resolve("report.html")), alone.out());
        assertTrue(Arrays.equals(before, Files.readAllBytes(model)), "the first run's model is not written over");
    }

    @Test
    void evaluatePrintsTheTableAndJsonWithEveryMetric() throws IOException {
        CliRun text = CliRun.of("evaluate", "-m", model.toString(), "-d", data, "--report", dir.resolve("eval").toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("weighted avg "), text.out());
        assertTrue(text.out().contains("confusion matrix (rows: actual, columns: predicted)"), text.out());
        assertTrue(Files.isRegularFile(dir.resolve("eval").resolve("report.html")));
        CliRun json = CliRun.of("evaluate", "-m", model.toString(), "-d", data, "--json");
        assertEquals(0, json.exitCode(), json.err());
        assertTrue(json.out().contains("\"top_k_accuracy\":{\"1\":"), json.out());
        assertTrue(json.out().contains("\"per_class\":[{\"label\":\"World\",\"precision\":"), json.out());
        assertTrue(json.out().contains("\"macro_f1\":"), json.out());
        Path testFile = Path.of(data).resolve("test.csv");
        assertEquals(io.textclf.application.dataset.Md5.of(testFile),
                ((Map<?, ?>) JsonReader.parse(json.out())).get("test_file_md5"));
        String page = Files.readString(dir.resolve("eval").resolve("report.html"));
        assertTrue(page.contains("Scores on the test file " + testFile + " (1600 rows scored, MD5 "), page);
    }

    /** Rows skipped as malformed are counted where the scores are: the first line, the page and the JSON. */
    @Test
    void evaluateSaysHowManyRowsItSkipped() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("two-bad-rows"));
        List<String> rows = new ArrayList<>(Files.readAllLines(Path.of(data).resolve("test.csv")).subList(0, 20));
        rows.set(3, "\"9\",\"no such class\",\"x\"");
        rows.set(7, "\"one field only\"");
        Files.write(folder.resolve("test.csv"), rows);
        Files.copy(Path.of(data).resolve("classes.txt"), folder.resolve("classes.txt"));
        CliRun run = CliRun.of("evaluate", "-m", model.toString(), "-d", folder.toString(), "--skip-bad-rows",
                "--report", folder.resolve("page").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().lines().findFirst().orElseThrow().contains("on 18 rows (2 malformed rows skipped)"),
                run.out());
        assertTrue(Files.readString(folder.resolve("page").resolve("report.html"))
                .contains("(18 rows scored, 2 malformed rows skipped, MD5 "));
    }

    @Test
    void trainJsonPrintsOneObjectAndProgressGoesToStderr() {
        CliRun run = CliRun.of("train", "--data", data, "--epochs", "1", "-o", dir.resolve("json.textclf").toString(),
                "--json", "--progress", "lines", "--log-interval", "30");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.out().lines().count(), run.out());
        assertTrue(run.out().startsWith("{\"model_file\":"), run.out());
        assertTrue(run.out().contains("\"epochs\":[{\"epoch\":1,\"train_loss\":"), run.out());
        assertTrue(run.err().contains("| epoch   1 |    30/   90 batches"), run.err());
        Map<?, ?> json = (Map<?, ?>) JsonReader.parse(run.out());
        assertEquals("reference", json.get("backend"));
        assertEquals(4, ((Number) json.get("classes")).intValue());
        assertEquals(new ModelFileStore().load(dir.resolve("json.textclf")).vocabulary().size(),
                ((Number) json.get("vocabulary_size")).intValue());
        assertEquals(0, ((Number) json.get("skipped_rows")).intValue());
        assertEquals(1, ((Number) json.get("threads")).intValue());
        assertTrue(((Number) json.get("words_per_epoch")).longValue() > 0, run.out());
        List<?> datasets = (List<?>) json.get("datasets");
        assertEquals(List.of("train", "test"), datasets.stream().map(d -> ((Map<?, ?>) d).get("role")).toList());
        assertEquals(List.of(6000, 1600), datasets.stream().map(d -> ((Number) ((Map<?, ?>) d).get("rows")).intValue())
                .toList());
    }

    @Test
    void settingsThatDoNotApplyOrAreUnknownAreRefused() throws IOException {
        assertError(2, CliRun.of("train", "--data", data, "--beta1", "0.8"),
                "textclf: error: --beta1 does not apply to --optimizer sgd");
        assertError(2, CliRun.of("train", "--data", data, "--scheduler", "step", "--t-max", "3"),
                "textclf: error: --t-max does not apply to --scheduler step");
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "epoch: 3\n");
        assertError(2, CliRun.of("train", "--config", typo.toString()),
                "textclf: error: experiment file " + typo + ": unknown setting 'epoch' (train flags without dashes: ");
        assertRefusedExperiment("wrong.json", "{\"data\": \"" + data + "\", \"epochs\": \"many\"}",
                ": epochs: expected an integer, was 'many'");
        assertRefusedExperiment("twice.yaml", "epochs: 1\nbatch_size: 32\nepochs: 3\n",
                ":3:1 is not valid YAML or JSON: found duplicate key epochs");
        assertRefusedExperiment("spellings.yaml", "batch_size: 32\nbatch-size: 16\n",
                ": 'batch-size' sets batch-size a second time");
        assertRefusedExperiment("notes.txt", "epochs: 1\n", ": expected a .yaml, .yml, .json or .properties file (its "
                + "name says how it is read)");
        assertRefusedExperiment("twice.properties", "epochs=1\nlr=0.5\nepochs=3\n",
                ": 'epochs' is set twice (the later value would win silently): keep one");
        assertRefusedExperiment("broken.yaml", "epochs: 1\ndata: a: b\n", ":2:");
        Path outOfRange = dir.resolve("range.properties");
        Files.writeString(outOfRange, "data=" + data + "\nepochs=-1\noptimizer=adamw\n");
        assertError(2, CliRun.of("train", "--experiment", outOfRange.toString(), "--optimizer", "sgd"),
                "textclf: error: epochs (experiment file " + outOfRange + ") must be in [1, 1000000], was -1");
        assertError(2, CliRun.of("train", "--experiment", outOfRange.toString(), "--epochs", "2"),
                "textclf: error: optimizer (experiment file " + outOfRange + "): unknown optimizer 'adamw'");
        assertError(2, CliRun.of("train", "--experiment", outOfRange.toString(), "--epochs", "0", "--optimizer", "sgd"),
                "textclf: error: --epochs must be in [1, 1000000], was 0");
    }

    /** Training with an experiment file named {@code name} holding {@code content} fails, saying so after its name. */
    private static void assertRefusedExperiment(String name, String content, String afterFileName) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content);
        assertError(2, CliRun.of("train", "--experiment", file.toString()),
                "textclf: error: experiment file " + file + afterFileName);
    }

    private static void assertError(int exitCode, CliRun run, String expectedStart) {
        assertEquals(exitCode, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().startsWith(expectedStart), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }
}
