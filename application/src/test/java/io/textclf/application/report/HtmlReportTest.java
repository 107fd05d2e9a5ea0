package io.textclf.application.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.metrics.ClassificationMetrics;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.ModelMetrics;
import io.textclf.domain.model.Provenance;
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
    void aModelWithoutHistoryOrMetricsStillGivesAPage() {
        String html = new HtmlReport().render(new HtmlReport.Content("Training report", Path.of("m.textclf"),
                model(List.of()), Optional.empty(), "none"));
        assertTrue(html.contains("The model file holds no per-epoch history."));
        assertFalse(html.contains("<svg class=\"heatmap\""));
        assertTrue(html.endsWith("</html>\n"));
    }
}
