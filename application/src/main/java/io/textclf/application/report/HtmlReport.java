package io.textclf.application.report;

import io.textclf.domain.metrics.ClassMetrics;
import io.textclf.domain.metrics.ClassificationMetrics;
import io.textclf.domain.model.DatasetFingerprint;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.Provenance;
import io.textclf.domain.model.RunSetting;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.modelformat.AtomicFiles;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A self-contained HTML page about a model and its run: loss, accuracy and learning rate per epoch,
 * the confusion matrix as a heatmap with its top confusions, per-class metrics, settings and
 * provenance. Plots are inline SVG, styles inline CSS and the one script (sorting tables) inline:
 * the page needs no network and opens in any browser; without scripts only the sorting is lost.
 */
public final class HtmlReport {

    /** The page's file name inside the report folder. */
    public static final String FILE_NAME = "report.html";

    private static final int TOP_CONFUSIONS = 10;
    private static final String TRAIN = "#1f77b4";
    private static final String VALID = "#d62728";

    /**
     * What the page shows.
     *
     * @param title         the page's heading, e.g. "Training report"
     * @param modelFile     the model file described
     * @param model         its contents: settings, the per-epoch history, provenance
     * @param metrics       the scores shown as numbers, heatmap and table, when there are any
     * @param metricsSource which data those scores are on, e.g. the test file's path
     */
    public record Content(String title, Path modelFile, ModelArtifact model, Optional<ClassificationMetrics> metrics,
                          String metricsSource) {
        public Content {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(modelFile, "modelFile");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(metricsSource, "metricsSource");
        }
    }

    /**
     * Writes {@code folder/report.html} (creating the folder), replacing it atomically.
     *
     * @return the page's path
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public Path write(Path folder, Content content) {
        return Html.write(folder, render(content));
    }

    /**
     * Fails at once when a report could not be written into {@code folder}, for a caller about to do long work first.
     *
     * @throws UncheckedIOException     naming the file when it cannot be written
     * @throws IllegalArgumentException when a {@code report.html} there is not one textclf wrote
     */
    public void requireWritable(Path folder) {
        Html.requireReplaceable(folder.resolve(FILE_NAME));
        AtomicFiles.requireWritable(folder.resolve(FILE_NAME), "report");
    }

    /** The page as a string. */
    public String render(Content c) {
        ModelArtifact model = c.model();
        List<EpochSummary> epochs = model.metrics().epochs();
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append(Html.head(c.title() + " \u2013 " + c.modelFile().getFileName()));
        html.append("<header><h1>").append(Html.escape(c.title())).append("</h1><p class=\"subtitle\">")
                .append(Html.escape(c.modelFile().toString())).append(" \u00b7 ").append(model.labels().size())
                .append(" classes \u00b7 ").append(Html.escape(model.provenance().backend())).append(" backend \u00b7 ")
                .append(Html.escape(model.provenance().createdAt().toString())).append("</p></header>\n");
        cards(html, c);
        curves(html, model, epochs);
        c.metrics().ifPresent(m -> {
            html.append("<section><h2>Confusion matrix</h2><p class=\"note\">").append(Html.escape(c.metricsSource()))
                    .append(": rows are the actual classes, columns the predicted ones; colour is the share of the row.</p>")
                    .append("<div class=\"figure\">").append(ConfusionHeatmap.svg(m.labels(), m.confusion()))
                    .append("</div></section>\n");
            topConfusions(html, m);
            perClass(html, m);
        });
        epochTable(html, epochs, model.metrics().bestEpoch());
        settings(html, model);
        provenance(html, model.provenance(), model.parameters().dims());
        html.append(Html.foot(model.provenance().textclfVersion()));
        return html.toString();
    }

    private static void cards(StringBuilder html, Content c) {
        html.append("<section class=\"cards\">");
        c.metrics().ifPresent(m -> {
            card(html, "accuracy", Html.score(m.accuracy()), m.examples() + " documents");
            card(html, "macro-F1", Html.score(m.macroF1()), "unweighted mean over classes");
            card(html, "weighted-F1", Html.score(m.weightedF1()), "weighted by support");
            if (m.labels().size() > 2) {
                card(html, "top-2 accuracy", Html.score(m.topKAccuracy(2)), "class among the 2 best scores");
            }
            card(html, "loss", Html.score(m.meanLoss()), "mean cross-entropy");
        });
        List<EpochSummary> epochs = c.model().metrics().epochs();
        if (!epochs.isEmpty()) {
            int best = c.model().metrics().bestEpoch();
            boolean validated = epochs.stream().anyMatch(e -> Double.isFinite(e.validationAccuracy()));
            card(html, "epochs", Integer.toString(epochs.size()), best > 0 ? "best validation epoch " + best
                    : validated ? "best epoch not recorded" : "no validation split");
        }
        html.append("</section>\n");
        if (c.metrics().isPresent()) {
            html.append("<p class=\"note\">Scores on ").append(Html.escape(c.metricsSource())).append(".</p>\n");
        }
        String stop = c.model().metrics().stopReason();
        if (!stop.isEmpty()) {
            html.append("<p class=\"note\">Stopped early: ").append(Html.escape(stop)).append(".</p>\n");
        }
    }

    private static void card(StringBuilder html, String name, String value, String detail) {
        html.append("<div class=\"card\"><div class=\"card-name\">").append(Html.escape(name))
                .append("</div><div class=\"card-value\">").append(value).append("</div><div class=\"card-detail\">")
                .append(Html.escape(detail)).append("</div></div>");
    }

    private static void curves(StringBuilder html, ModelArtifact model, List<EpochSummary> epochs) {
        html.append("<section><h2>Training curves</h2>");
        if (epochs.isEmpty()) {
            html.append("<p class=\"note\">The model file holds no per-epoch history.</p></section>\n");
            return;
        }
        int best = model.metrics().bestEpoch();
        String mark = best > 0 ? "best" : "";
        double[] trainLoss = epochs.stream().mapToDouble(EpochSummary::trainLoss).toArray();
        double[] validLoss = epochs.stream().mapToDouble(EpochSummary::validationLoss).toArray();
        double[] trainAccuracy = epochs.stream().mapToDouble(EpochSummary::trainAccuracy).toArray();
        double[] validAccuracy = epochs.stream().mapToDouble(EpochSummary::validationAccuracy).toArray();
        double[] rates = epochs.stream().mapToDouble(EpochSummary::learningRate).toArray();
        double[] validMacroF1 = epochs.stream().mapToDouble(EpochSummary::validationMacroF1).toArray();
        html.append("<div class=\"charts\">")
                .append(new LineChart("Loss per epoch", "cross-entropy")
                        .add(new LineChart.Series("train", TRAIN, trainLoss, true))
                        .add(new LineChart.Series("validation", VALID, validLoss, false)).mark(best, mark).svg())
                .append(new LineChart("Accuracy per epoch", "accuracy")
                        .add(new LineChart.Series("train", TRAIN, trainAccuracy, true))
                        .add(new LineChart.Series("validation", VALID, validAccuracy, false)).mark(best, mark).svg())
                .append(new LineChart("Learning rate", "learning rate").logarithmic(true)
                        .add(new LineChart.Series("learning rate", "#2ca02c", rates, false)).svg())
                .append(new LineChart("Validation macro-F1", "macro-F1")
                        .add(new LineChart.Series("validation", VALID, validMacroF1, false)).mark(best, mark).svg())
                .append("</div></section>\n");
    }

    private static void perClass(StringBuilder html, ClassificationMetrics m) {
        html.append("<section><h2>Per-class metrics</h2><table class=\"numbers sortable\"><thead><tr><th>class</th>")
                .append("<th>precision</th><th>recall</th><th>F1</th><th>support</th><th class=\"bar-cell\">F1</th>")
                .append("</tr></thead><tbody>");
        for (ClassMetrics c : m.perClass()) {
            html.append("<tr><td class=\"label\">").append(Html.escape(c.label())).append("</td><td>")
                    .append(Html.score(c.precision())).append("</td><td>").append(Html.score(c.recall())).append("</td><td>")
                    .append(Html.score(c.f1())).append("</td><td>").append(c.support()).append("</td><td class=\"bar-cell\" data-value=\"").append(Html.score(c.f1())).append("\">")
                    .append("<svg width=\"120\" height=\"10\" role=\"presentation\"><rect width=\"120\" height=\"10\" "
                            + "fill=\"#e6ebf1\"/><rect height=\"10\" fill=\"#1f77b4\" width=\"")
                    .append(Html.coordinate(120 * c.f1())).append("\"/></svg></td></tr>");
        }
        html.append("</tbody><tfoot>")
                .append(row("macro avg", m.macroPrecision(), m.macroRecall(), m.macroF1(), m.examples()))
                .append(row("weighted avg", m.weightedPrecision(), m.weightedRecall(), m.weightedF1(), m.examples()))
                .append("<tr><td class=\"label\">accuracy</td><td></td><td></td><td>").append(Html.score(m.accuracy()))
                .append("</td><td>").append(m.examples()).append("</td><td></td></tr>");
        for (int k = 2; k <= Math.min(5, m.labels().size() - 1); k++) {
            html.append("<tr><td class=\"label\">top-").append(k).append(" accuracy</td><td></td><td></td><td>")
                    .append(Html.score(m.topKAccuracy(k))).append("</td><td>").append(m.examples()).append("</td><td></td></tr>");
        }
        html.append("</tfoot></table></section>\n");
    }

    /** The most-confused class pairs, most errors first: where the model goes wrong most often. */
    private static void topConfusions(StringBuilder html, ClassificationMetrics m) {
        List<Confusion> top = Confusion.top(m.labels(), m.confusion(), TOP_CONFUSIONS);
        if (top.isEmpty()) {
            return;
        }
        html.append("<section><h2>Top confusions</h2><p class=\"note\">The ").append(top.size())
                .append(" most frequent errors: documents of the actual class predicted as another.</p>")
                .append("<table class=\"numbers sortable\"><thead><tr><th>rank</th><th>actual</th><th>predicted as</th>")
                .append("<th>documents</th><th>share of the actual class</th></tr></thead><tbody>");
        for (int i = 0; i < top.size(); i++) {
            Confusion c = top.get(i);
            html.append("<tr><td>").append(i + 1).append("</td><td class=\"label\">").append(Html.escape(c.actual()))
                    .append("</td><td class=\"label\">").append(Html.escape(c.predicted())).append("</td><td>")
                    .append(c.count()).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f%%", 100 * c.shareOfActual())).append("</td></tr>");
        }
        html.append("</tbody></table></section>\n");
    }

    private static String row(String name, double precision, double recall, double f1, long support) {
        return "<tr><td class=\"label\">" + name + "</td><td>" + Html.score(precision) + "</td><td>" + Html.score(recall)
                + "</td><td>" + Html.score(f1) + "</td><td>" + support + "</td><td></td></tr>";
    }

    private static void epochTable(StringBuilder html, List<EpochSummary> epochs, int best) {
        if (epochs.isEmpty()) {
            return;
        }
        html.append("<section><h2>Epochs</h2><table class=\"numbers sortable\"><thead><tr><th>epoch</th><th>train loss</th>")
                .append("<th>train accuracy</th><th>valid loss</th><th>valid accuracy</th><th>valid macro-F1</th>")
                .append("<th>learning rate</th><th>seconds</th></tr></thead><tbody>");
        for (EpochSummary e : epochs) {
            html.append("<tr").append(e.epoch() == best ? " class=\"best\"" : "").append("><td>").append(e.epoch())
                    .append(e.epoch() == best ? " (best)" : "").append("</td><td>").append(Html.score(e.trainLoss()))
                    .append("</td><td>").append(Html.score(e.trainAccuracy())).append("</td><td>")
                    .append(Html.score(e.validationLoss())).append("</td><td>").append(Html.score(e.validationAccuracy()))
                    .append("</td><td>").append(Html.score(e.validationMacroF1())).append("</td><td>")
                    .append(Html.general(e.learningRate())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.2f", e.seconds())).append("</td></tr>");
        }
        html.append("</tbody></table></section>\n");
    }

    private static void settings(StringBuilder html, ModelArtifact model) {
        TrainingSettings s = model.settings();
        html.append("<section><h2>Settings</h2><div class=\"two\"><table class=\"kv\"><tbody>");
        kv(html, "optimizer", s.optimizer().describe() + ", lr " + s.learningRate());
        kv(html, "schedule", s.scheduler().describe(s));
        kv(html, "early stopping", s.patience() == 0 ? "off" : "patience " + s.patience() + " on validation "
                + s.monitor().label() + ", min delta " + s.minDelta());
        kv(html, "epochs", Integer.toString(s.epochs()));
        kv(html, "batch size", Integer.toString(s.batchSize()));
        kv(html, "embedding dim", Integer.toString(s.embeddingDim()));
        kv(html, "gradient clipping", "total L2 norm " + s.clipNorm());
        kv(html, "validation", s.validationFraction() + " of the training file");
        kv(html, "seed", Long.toString(s.seed()));
        kv(html, "init range", "\u00b1" + s.initRange());
        kv(html, "vocabulary", "min freq " + s.minFreq() + ", max tokens " + (s.maxTokens() == 0 ? "no limit"
                : s.maxTokens()));
        int parametersEpoch = model.metrics().parametersEpoch();
        if (parametersEpoch > 0) {
            kv(html, "parameters", "after epoch " + parametersEpoch
                    + (parametersEpoch == model.metrics().bestEpoch() ? " (the best)" : ""));
        }
        html.append("</tbody></table>");
        List<RunSetting> run = model.provenance().runSettings();
        if (!run.isEmpty()) {
            List<RunSetting> given = run.stream().filter(r -> !r.source().startsWith("default")).toList();
            html.append("<div>");
            runSettings(html, given, "run settings given");
            html.append("<details><summary>all ").append(run.size()).append(" run settings, defaults included</summary>");
            runSettings(html, run, "run setting");
            html.append("</details></div>");
        }
        html.append("</div></section>\n");
    }

    private static void runSettings(StringBuilder html, List<RunSetting> settings, String heading) {
        html.append("<table class=\"kv sortable\"><thead><tr><th>").append(heading)
                .append("</th><th>value</th><th>from</th></tr></thead><tbody>");
        for (RunSetting r : settings) {
            html.append("<tr><td>").append(Html.escape(r.name())).append("</td><td>").append(Html.escape(r.value()))
                    .append("</td><td class=\"source\">").append(Html.escape(r.source())).append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static void provenance(StringBuilder html, Provenance p, ModelDims dims) {
        html.append("<section><h2>Provenance</h2><table class=\"kv\"><tbody>");
        kv(html, "backend", p.backend());
        kv(html, "textclf", p.textclfVersion());
        kv(html, "Java", p.javaVersion());
        kv(html, "system", p.os());
        kv(html, "finished", p.createdAt().toString());
        kv(html, "training time", String.format(Locale.ROOT, "%.1f s", p.trainingSeconds()));
        kv(html, "model", "EmbeddingBag(" + dims.vocabSize() + ", " + dims.embeddingDim() + ", mean) + Linear("
                + dims.embeddingDim() + ", " + dims.numClasses() + ")");
        if (!p.resumedFrom().isEmpty()) {
            kv(html, "resumed from", p.resumedFrom());
        }
        for (DatasetFingerprint d : p.datasets()) {
            kv(html, d.role() + " data", d.path() + " (" + d.rows() + " rows, MD5 " + d.md5() + ")");
        }
        html.append("</tbody></table></section>\n");
    }

    private static void kv(StringBuilder html, String key, String value) {
        html.append("<tr><th>").append(Html.escape(key)).append("</th><td>").append(Html.escape(value)).append("</td></tr>");
    }
}
