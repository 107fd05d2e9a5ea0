package io.textclf.application.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.metrics.ClassificationMetrics;
import io.textclf.domain.model.DatasetFingerprint;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.ModelMetrics;
import io.textclf.domain.model.Provenance;
import io.textclf.domain.model.RunSetting;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.TrainingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir
    Path dir;

    private static final List<String> LABELS = List.of("<b>news</b> & co", "sport");

    private static ModelArtifact model(List<EpochSummary> epochs) {
        return new ModelArtifact(io.textclf.domain.text.PipelineSpec.tutorial(), new Vocabulary(List.of("<unk>", "a", "b"), 0), LABELS,
                new UniformInitializer(0.5, 1).initialize(new ModelDims(3, 2, 2)), TrainingSettings.tutorial(),
                new ModelMetrics(0.5, 0.7, 4, 0.5, epochs),
                new Provenance(List.of(), "reference", "0.1", "17", Instant.EPOCH, "Linux", 1));
    }

    @Test
    void labelsAreEscapedAndThePageIsWrittenToTheFolder() throws IOException {
        ClassificationMetrics metrics = ClassificationMetrics.of(LABELS, 0.7, new long[][] {{1, 1}, {1, 1}}, new long[] {2, 4});
        Path page = new HtmlReport().write(dir.resolve("new"), new HtmlReport.Content("Evaluation report",
                Path.of("m.textclf"), model(List.of(new EpochSummary(1, 0.9, 0.5, 0.5, 5, 0.1))), Optional.of(metrics),
                "test"));
        String html = Files.readString(page);
        assertEquals(dir.resolve("new").resolve("report.html"), page);
        assertTrue(html.contains("&lt;b&gt;news&lt;/b&gt; &amp; co"));
        assertFalse(html.contains("<b>news"));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("best epoch not recorded"), "an older file: validation but no best epoch");
    }

    @Test
    void aReportReplacesAnEarlierReportButNoOtherPage() throws IOException {
        HtmlReport.Content content = new HtmlReport.Content("Training report", Path.of("m.textclf"), model(List.of()),
                Optional.empty(), "test");
        Path page = new HtmlReport().write(dir.resolve("runs"), content);
        assertEquals(page, new HtmlReport().write(dir.resolve("runs"), content), "an earlier report is replaced");
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("report.html"), "<html><body>our quarterly report</body></html>");
        assertEquals("refusing to overwrite " + site.resolve("report.html") + ": it exists and is not a textclf "
                + "report; choose another folder or delete it", assertThrows(IllegalArgumentException.class,
                () -> new HtmlReport().requireWritable(site)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HtmlReport().write(site, content));
        assertEquals("<html><body>our quarterly report</body></html>", Files.readString(site.resolve("report.html")));
    }

    @Test
    void aModelWithoutHistoryOrMetricsStillGivesAPage() {
        String html = new HtmlReport().render(new HtmlReport.Content("Training report", Path.of("m.textclf"),
                model(List.of()), Optional.empty(), "none"));
        assertTrue(html.contains("The model file holds no per-epoch history."));
        assertFalse(html.contains("<svg class=\"heatmap\""));
        assertTrue(html.endsWith("</html>\n"));
    }

    @Test
    void countsAreVisibleInTheHeatmapWhereTheyFitNotOnlyInTooltips() {
        List<String> labels = java.util.stream.IntStream.range(0, 41).mapToObj(i -> "class" + i).toList();
        long[][] confusion = new long[41][41];
        for (int i = 0; i < 41; i++) {
            confusion[i][i] = 250;
        }
        confusion[3][7] = 17;
        String svg = ConfusionHeatmap.svg(labels, confusion);
        assertTrue(svg.contains(">17</text>"), "an error count in a small cell");
        assertTrue(svg.contains(">250</text>"), "a diagonal count");
        assertFalse(svg.contains(">0</text>"), "zeros stay blank in small cells");
        assertFalse(ConfusionHeatmap.fits(123456, 8, 18), "six digits do not fit an 18-pixel cell");
    }

    @Test
    void theTopConfusionsAreRankedAndTablesSortable() {
        List<String> labels = List.of("a", "b", "c");
        ClassificationMetrics metrics = ClassificationMetrics.of(labels, 0.7,
                new long[][] {{10, 1, 5}, {0, 10, 2}, {5, 0, 10}}, new long[] {30, 43, 43});
        String html = new HtmlReport().render(new HtmlReport.Content("Evaluation report", Path.of("m.textclf"),
                model(List.of(new EpochSummary(1, 0.9, 0.5, 0.5, 5, 0.1))), Optional.of(metrics), "test"));
        int top = html.indexOf("<h2>Top confusions</h2>");
        assertTrue(top > 0, html);
        String section = html.substring(top, html.indexOf("</section>", top));
        assertTrue(section.contains("<tbody><tr><td>1</td><td class=\"label\">c</td><td class=\"label\">a</td>"
                + "<td>5</td><td>33.3%</td></tr><tr><td>2</td><td class=\"label\">a</td><td class=\"label\">c</td>"
                + "<td>5</td><td>31.3%</td></tr><tr><td>3</td><td class=\"label\">b</td><td class=\"label\">c</td>"
                + "<td>2</td>"), section);
        assertEquals(4, section.split("<tr><td>").length - 1, "the four errors that happened");
        assertFalse(section.contains(">0</td>"), "only errors that happened");
        assertTrue(html.contains("<table class=\"numbers sortable\"><thead><tr><th>class</th>"));
        assertTrue(html.contains("<script>") && html.contains("table.sortable"));
    }

    @Test
    void aComparisonOverlaysTheCurvesOfEveryRunAndNamesTheDifferences() {
        List<EpochSummary> slow = List.of(new EpochSummary(1, 0.9, 0.5, 0.6, 5, 0.1, 0.8, 0.55),
                new EpochSummary(2, 0.7, 0.6, 0.7, 5, 0.1, 0.7, 0.65));
        List<EpochSummary> fast = List.of(new EpochSummary(1, 0.5, 0.8, 0.8, 1, 0.1, 0.5, 0.75));
        ModelArtifact sgd = model(slow);
        ModelArtifact other = new ModelArtifact(sgd.pipeline(), sgd.vocabulary(), sgd.labels(), sgd.parameters(),
                new TrainingSettings(3, 1, 16, 2, 0.1, 1, 0.1, 0.05, 1, 0.5, 1, 0, 500), new ModelMetrics(0.6, 0.6, 4,
                0.8, fast), sgd.provenance());
        String html = new ComparisonReport().render(List.of(new ComparisonReport.Run("a.textclf", Path.of("a.textclf"),
                sgd), new ComparisonReport.Run("b.textclf", Path.of("b.textclf"), other),
                new ComparisonReport.Run("c.textclf", Path.of("c.textclf"), other)));
        String accuracy = html.substring(html.indexOf("aria-label=\"Validation accuracy\""));
        accuracy = accuracy.substring(0, accuracy.indexOf("</svg>"));
        assertEquals(3, accuracy.split("<polyline").length - 1, "one line per run");
        assertTrue(accuracy.contains("stroke=\"#1f77b4\"") && accuracy.contains("stroke=\"#ff7f0e\"")
                && accuracy.contains("stroke=\"#2ca02c\""));
        assertTrue(html.contains("<tr><th>--epochs</th><td>10</td><td>3</td><td>3</td></tr>"), html);
        assertTrue(html.contains("<tr><th>--lr</th><td>5.0</td><td>1.0</td><td>1.0</td></tr>"), html);
        assertFalse(html.contains("<tr><th>--seed</th>"), "equal settings are not listed");
        assertTrue(html.contains("<table class=\"numbers sortable runs\">"));
        assertFalse(html.contains("class=\"warning\""), "runs without test files are not told apart");
    }

    @Test
    void theRunSettingsTablesAreSortable() {
        ModelArtifact m = model(List.of(new EpochSummary(1, 0.9, 0.5, 0.5, 5, 0.1)));
        Provenance p = m.provenance();
        ModelArtifact withSettings = new ModelArtifact(m.pipeline(), m.vocabulary(), m.labels(), m.parameters(),
                m.settings(), m.metrics(), new Provenance(p.datasets(), p.backend(), p.textclfVersion(),
                p.javaVersion(), p.createdAt(), p.os(), p.trainingSeconds(), List.of(new RunSetting("lr", "0.5",
                "flag"), new RunSetting("epochs", "10", "default")), ""));
        String html = new HtmlReport().render(new HtmlReport.Content("Training report", Path.of("m.textclf"),
                withSettings, Optional.empty(), "test"));
        assertTrue(html.contains("<table class=\"kv sortable\"><thead><tr><th>run settings given</th>"), html);
        assertTrue(html.contains("<table class=\"kv sortable\"><thead><tr><th>run setting</th>"), html);
    }

    @Test
    void aComparisonOfRunsTestedOnDifferentDataSaysWhichRunUsedWhichFile() {
        ComparisonReport.Run a = testedOn("a", "abc");
        ComparisonReport.Run b = testedOn("b", "abc");
        ComparisonReport.Run c = testedOn("c", "def");
        assertEquals(Optional.empty(), ComparisonReport.testDataMismatch(List.of(a, b)));
        String expected = "the runs were not tested on the same data, so their test metrics do not compare: a, b on "
                + "data/test.csv (MD5 abc); c on data/test.csv (MD5 def)";
        assertEquals(Optional.of(expected), ComparisonReport.testDataMismatch(List.of(a, b, c)));
        assertTrue(new ComparisonReport().render(List.of(a, c)).contains("<p class=\"warning\">the runs were not "
                + "tested on the same data"));
        ComparisonReport.Run copy = testedOn("copy", "elsewhere/test.csv", "abc");
        assertEquals(Optional.empty(), ComparisonReport.testDataMismatch(List.of(a, copy)),
                "the same bytes in another folder are the same test data");
        ComparisonReport.Run unhashed = testedOn("spark", "data/test.csv", "");
        assertEquals(Optional.empty(), ComparisonReport.testDataMismatch(List.of(a, unhashed)),
                "without an MD5, the path another run hashed says it");
        ComparisonReport.Run elsewhere = testedOn("spark2", "other/test.csv", "");
        assertEquals(Optional.of("the runs were not tested on the same data, so their test metrics do not compare: a "
                + "on data/test.csv (MD5 abc); spark2 on other/test.csv (no MD5 recorded)"),
                ComparisonReport.testDataMismatch(List.of(a, elsewhere)));
    }

    private static ComparisonReport.Run testedOn(String label, String md5) {
        return testedOn(label, "data/test.csv", md5);
    }

    private static ComparisonReport.Run testedOn(String label, String testFile, String md5) {
        ModelArtifact m = model(List.of());
        Provenance p = m.provenance();
        return new ComparisonReport.Run(label, Path.of(label + ".textclf"), new ModelArtifact(m.pipeline(),
                m.vocabulary(), m.labels(), m.parameters(), m.settings(), m.metrics(), new Provenance(List.of(
                        new DatasetFingerprint("train", "data/train.csv", "123", 10),
                        new DatasetFingerprint("test", testFile, md5, 4)), p.backend(), p.textclfVersion(),
                p.javaVersion(), p.createdAt(), p.os(), p.trainingSeconds())));
    }
}
