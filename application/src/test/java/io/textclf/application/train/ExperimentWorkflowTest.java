package io.textclf.application.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.textclf.application.TestData;
import io.textclf.application.TextclfModule;
import io.textclf.application.config.TextclfConfig;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.evaluate.EvaluateRequest;
import io.textclf.application.evaluate.EvaluateUseCase;
import io.textclf.modelformat.Checkpoint;
import io.textclf.modelformat.ModelFileStore;
import io.textclf.application.report.HtmlReport;
import io.textclf.domain.metrics.ClassMetrics;
import io.textclf.domain.metrics.ClassificationMetrics;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.RunSetting;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.OptimizerSpec;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.domain.train.ValidationMetric;
import io.textclf.modelformat.v1.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiment workflow on the real ag_news_mini data: reproducible runs, checkpoints and resume,
 * early stopping with the best model, per-class metrics and the HTML report.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExperimentWorkflowTest {

    @TempDir
    static Path dir;

    private final Injector injector = Guice.createInjector(new TextclfModule(TextclfConfig.defaults()));
    private TrainUseCase useCase;
    private TrainingReport checkpointed;
    private Path checkpoints;

    @BeforeAll
    void trainTenEpochsWithCheckpoints() {
        useCase = injector.getInstance(TrainUseCase.class);
        checkpoints = dir.resolve("checkpoints");
        checkpointed = useCase.train(request("checkpointed.textclf", TrainingSettings.tutorial(),
                new RunOptions(Optional.of(checkpoints), 0, 0, Optional.empty(), false, Optional.empty(),
                        List.of(new RunSetting("seed", "1", "default")))), TrainingObserver.SILENT);
    }

    @Test
    void theTutorialsRecipeStillScoresItsReferenceAccuracy() {
        assertEquals("0.8469", String.format(Locale.ROOT, "%.4f", checkpointed.test().orElseThrow().accuracy()));
    }

    @Test
    void resumingFromTheEpoch5CheckpointGivesTheSameFinalModel() {
        Path epoch5 = checkpoints.resolve("epoch-0005.ckpt");
        assertTrue(Files.isRegularFile(epoch5), "checkpoints: " + CheckpointFolder.checkpoints(checkpoints));
        assertEquals(10, CheckpointFolder.checkpoints(checkpoints).size());
        Checkpoint checkpoint = useCase.readCheckpoint(epoch5);
        assertEquals(5, checkpoint.state().completedEpochs());
        assertEquals(TestData.agNewsMini().toString(), checkpoint.dataset());

        TrainingReport resumed = useCase.train(request("resumed.textclf", checkpoint.model().settings(),
                new RunOptions(Optional.empty(), 0, 0, Optional.empty(), false, Optional.of(epoch5), List.of())),
                TrainingObserver.SILENT);
        assertEquals(checkpointed.artifact().parameters(), resumed.artifact().parameters(),
                "bit-identical parameters after resuming");
        assertEquals(withoutTimes(checkpointed.artifact().metrics().epochs()),
                withoutTimes(resumed.artifact().metrics().epochs()));
        assertEquals(checkpointed.test().orElseThrow().accuracy(), resumed.test().orElseThrow().accuracy());
        assertEquals(epoch5.toString(), resumed.artifact().provenance().resumedFrom());
    }

    @Test
    void resumingWithAnotherRecipeIsRefusedNamingTheDifference() {
        Path epoch5 = checkpoints.resolve("epoch-0005.ckpt");
        TrainingSettings other = TrainingSettings.tutorial().withLearningRate(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> useCase.train(
                request("other.textclf", other, new RunOptions(Optional.empty(), 0, 0, Optional.empty(), false,
                        Optional.of(epoch5), List.of())), TrainingObserver.SILENT));
        assertTrue(e.getMessage().contains("--lr 5.0 there, 1.0 now"), e.getMessage());
    }

    @Test
    void twoReproducibleRunsWriteIdenticalModelFilesApartFromTimestamps() throws IOException {
        TrainingReport first = useCase.train(request("first.textclf", TrainingSettings.tutorial().withEpochs(3),
                RunOptions.NONE), TrainingObserver.SILENT);
        TrainingReport second = useCase.train(request("second.textclf", TrainingSettings.tutorial().withEpochs(3),
                RunOptions.NONE), TrainingObserver.SILENT);
        byte[] a = withoutTimestamps(first.modelFile());
        byte[] b = withoutTimestamps(second.modelFile());
        assertArrayEquals(a, b);
        assertNotEquals(0, first.artifact().metrics().epochs().get(0).seconds(), "times are recorded, just ignored here");
    }

    @Test
    void earlyStoppingKeepsTheBestModelAsWellAsTheLast() {
        TrainingSettings settings = TrainingSettings.tutorial().withEpochs(12).withLearningRate(0.5)
                .withOptimizer(new OptimizerSpec.SgdMomentum(0.9, 0, 0, false))
                .withEarlyStopping(ValidationMetric.LOSS, 1, 0);
        Path best = dir.resolve("stopping-best.textclf");
        TrainingReport report = useCase.train(request("stopping-last.textclf", settings, new RunOptions(
                Optional.empty(), 0, 0, Optional.of(best), false, Optional.empty(), List.of())), TrainingObserver.SILENT);
        ModelArtifact last = report.artifact();
        ModelArtifact kept = injector.getInstance(ModelFileStore.class).load(best);
        int bestEpoch = last.metrics().bestEpoch();
        assertTrue(last.metrics().epochs().size() < 12 && !last.metrics().stopReason().isEmpty(),
                "stopped after " + last.metrics().epochs().size() + " epochs: " + last.metrics().stopReason());
        assertEquals(last.metrics().epochs().size() - 1, bestEpoch);
        assertEquals(bestEpoch, kept.metrics().parametersEpoch());
        assertEquals(last.metrics().epochs().size(), last.metrics().parametersEpoch());
        assertNotEquals(last.parameters(), kept.parameters());
        double lowest = last.metrics().epochs().stream().mapToDouble(EpochSummary::validationLoss).min().orElseThrow();
        assertEquals(lowest, last.metrics().epochs().get(bestEpoch - 1).validationLoss());
        assertEquals(Optional.of(best), report.bestModelFile());
    }

    @Test
    void restoreBestSavesTheBestEpochsParametersAndSaysWhichEpochTheyAre() {
        TrainingSettings settings = TrainingSettings.tutorial().withEpochs(12).withLearningRate(0.5)
                .withOptimizer(new OptimizerSpec.SgdMomentum(0.9, 0, 0, false))
                .withEarlyStopping(ValidationMetric.LOSS, 1, 0);
        Path best = dir.resolve("restored-best.textclf");
        TrainingReport report = useCase.train(request("restored.textclf", settings, new RunOptions(
                Optional.empty(), 0, 0, Optional.of(best), true, Optional.empty(), List.of())), TrainingObserver.SILENT);
        ModelArtifact saved = injector.getInstance(ModelFileStore.class).load(report.modelFile());
        int bestEpoch = saved.metrics().bestEpoch();
        assertTrue(bestEpoch < saved.metrics().epochs().size(), "the best epoch is not the last: " + bestEpoch);
        assertEquals(bestEpoch, saved.metrics().parametersEpoch());
        assertEquals(injector.getInstance(ModelFileStore.class).load(best).parameters(), saved.parameters());
    }

    @Test
    void perClassMetricsAgreeWithAHandCountFromTheConfusionMatrix() {
        ClassificationMetrics stored = checkpointed.artifact().metrics().test().orElseThrow();
        EvaluateUseCase.Result evaluated = injector.getInstance(EvaluateUseCase.class).evaluate(new EvaluateRequest(
                checkpointed.modelFile(), TestData.agNewsMini().toString(), "reference", BadRowPolicy.FAIL));
        ClassificationMetrics metrics = evaluated.metrics();
        assertEquals(stored, metrics, "the model file holds the metrics evaluate computes");
        long[][] confusion = metrics.confusion();
        int classes = confusion.length;
        double macro = 0;
        for (int c = 0; c < classes; c++) {
            long truePositives = confusion[c][c];
            long falseNegatives = 0;
            long falsePositives = 0;
            for (int other = 0; other < classes; other++) {
                if (other != c) {
                    falseNegatives += confusion[c][other];
                    falsePositives += confusion[other][c];
                }
            }
            double precision = (double) truePositives / (truePositives + falsePositives);
            double recall = (double) truePositives / (truePositives + falseNegatives);
            ClassMetrics m = metrics.perClass().get(c);
            assertEquals(List.of("World", "Sports", "Business", "Sci/Tech").get(c), m.label());
            assertEquals(truePositives + falseNegatives, m.support());
            assertEquals(precision, m.precision(), 1e-12);
            assertEquals(recall, m.recall(), 1e-12);
            assertEquals(2 * precision * recall / (precision + recall), m.f1(), 1e-12);
            macro += m.f1() / classes;
        }
        assertEquals(1600, metrics.examples());
        assertEquals(macro, metrics.macroF1(), 1e-12);
        assertEquals(checkpointed.test().orElseThrow().accuracy(), metrics.accuracy(), 1e-15);
        assertTrue(metrics.topKAccuracy(2) > metrics.accuracy() && metrics.topKAccuracy(4) == 1.0);
    }

    @Test
    void theReportHoldsThePlotsAndTheNumbersOfTheRun() {
        ModelArtifact model = checkpointed.artifact();
        ClassificationMetrics metrics = model.metrics().test().orElseThrow();
        String page = new HtmlReport().render(new HtmlReport.Content("Training report", checkpointed.modelFile(), model,
                Optional.of(metrics), "test file"));
        assertEquals(4, count(page, "<svg class=\"chart\""), "loss, accuracy, learning-rate and macro-F1 charts");
        assertEquals(1, count(page, "<svg class=\"heatmap\""));
        assertEquals(16, count(page, "<rect x=") - 11, "a 4 x 4 heatmap plus its 11-step colour scale");
        assertTrue(page.contains(String.format(Locale.ROOT, "%.4f", metrics.accuracy())));
        assertTrue(page.contains(String.format(Locale.ROOT, "%.4f", metrics.macroF1())));
        for (ClassMetrics c : metrics.perClass()) {
            assertTrue(page.contains(">" + c.label() + "<"), c.label());
            assertTrue(page.contains(String.format(Locale.ROOT, "%.4f", c.f1())), c.label() + " F1");
        }
        for (EpochSummary e : model.metrics().epochs()) {
            assertTrue(page.contains(String.format(Locale.ROOT, "%.4f", e.trainLoss())), "train loss of epoch " + e.epoch());
            assertTrue(page.contains(String.format(Locale.ROOT, "%.4f", e.validationAccuracy())));
        }
        Matcher lossLine = Pattern.compile("<polyline[^>]*points=\"([^\"]*)\"").matcher(page);
        assertTrue(lossLine.find());
        assertEquals(10, lossLine.group(1).split(" ").length, "one point per epoch");
        assertTrue(page.contains("seed</td><td>1</td><td class=\"source\">default"), "run settings and their sources");
        assertFalse(page.replace("http://www.w3.org/2000/svg", "").matches("(?s).*(https?:|src=|href=).*"),
                "nothing to fetch");
        assertEquals(1, page.split("<script").length - 1, "one inline script, which sorts tables");
        assertTrue(page.contains("<script>document.querySelectorAll('table.sortable')"), "inline, nothing loaded");
    }

    private TrainRequest request(String output, TrainingSettings settings, RunOptions options) {
        return new TrainRequest(TestData.agNewsMini().toString(), settings, "reference", dir.resolve(output),
                BadRowPolicy.FAIL, options);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static List<EpochSummary> withoutTimes(List<EpochSummary> epochs) {
        return epochs.stream().map(e -> new EpochSummary(e.epoch(), e.trainLoss(), e.trainAccuracy(),
                e.validationAccuracy(), e.learningRate(), 0, e.validationLoss(), e.validationMacroF1())).toList();
    }

    /** The file's payload with the creation time, training time and epoch times zeroed. */
    private static byte[] withoutTimestamps(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ModelFile.Builder model = ModelFile.parseFrom(java.util.Arrays.copyOfRange(bytes, 52, bytes.length)).toBuilder();
        model.getProvenanceBuilder().clearCreatedAt().clearTrainingSeconds();
        model.getMetricsBuilder().getEpochsBuilderList().forEach(e -> e.clearSeconds());
        return model.build().toByteArray();
    }
}
