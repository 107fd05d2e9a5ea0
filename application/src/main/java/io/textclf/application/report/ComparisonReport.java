package io.textclf.application.report;

import io.textclf.domain.model.DatasetFingerprint;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelMetrics;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.TrainingOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * One self-contained HTML page comparing several runs: their curves overlaid (one colour per run),
 * a sortable table of their test metrics and training figures, and the settings in which they differ.
 */
public final class ComparisonReport {

    /** Ten colours that stay apart (matplotlib's tab10); runs beyond ten reuse them dashed. */
    private static final List<String> PALETTE = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
            "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf");

    /**
     * One run: a model file and what it holds.
     *
     * @param label     how the page names the run (e.g. the file name)
     * @param modelFile the model file
     * @param model     its contents
     */
    public record Run(String label, Path modelFile, ModelArtifact model) {
        public Run {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(modelFile, "modelFile");
            Objects.requireNonNull(model, "model");
        }
    }

    /**
     * Writes {@code folder/report.html} (creating the folder), replacing it atomically.
     *
     * @return the page's path
     * @throws IllegalArgumentException for fewer than two runs
     */
    public Path write(Path folder, List<Run> runs) {
        return Html.write(folder, render(runs));
    }

    /** The page as a string. */
    public String render(List<Run> runs) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("a comparison needs at least two runs, got " + runs.size());
        }
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append(Html.head("Comparison of " + runs.size() + " runs"));
        html.append("<header><h1>Comparison of ").append(runs.size()).append(" runs</h1><p class=\"subtitle\">")
                .append(Html.escape(String.join(" \u00b7 ", runs.stream().map(Run::label).toList())))
                .append("</p></header>\n");
        metrics(html, runs);
        testDataMismatch(runs).ifPresent(warning -> html.append("<p class=\"warning\">")
                .append(Html.escape(warning)).append("</p>\n"));
        curves(html, runs);
        differences(html, runs);
        html.append(Html.foot(runs.get(0).model().provenance().textclfVersion()));
        return html.toString();
    }

    /**
     * Whether the runs were tested on different files (by MD5; a run without a test file counts as one more kind):
     * then their test metrics do not compare, and this says which runs used which file.
     */
    public static Optional<String> testDataMismatch(List<Run> runs) {
        Map<String, String> md5ByPath = new LinkedHashMap<>();
        for (Run run : runs) {
            testFile(run).filter(d -> !d.md5().isEmpty()).ifPresent(d -> md5ByPath.putIfAbsent(d.path(), d.md5()));
        }
        Map<String, List<String>> runsByTestData = new LinkedHashMap<>();
        Map<String, String> described = new LinkedHashMap<>();
        for (Run run : runs) {
            Optional<DatasetFingerprint> test = testFile(run);
            // the same bytes are the same test data wherever they lay; a run without an MD5 (Spark's) has only its
            // path, which stands for the MD5 another run recorded for that path
            String key = test.map(d -> d.md5().isEmpty() ? md5ByPath.getOrDefault(d.path(), "path " + d.path())
                    : d.md5()).orElse("none");
            described.putIfAbsent(key, test.map(d -> d.path() + (d.md5().isEmpty() ? " (no MD5 recorded)"
                    : " (MD5 " + d.md5() + ")")).orElse("no test file"));
            runsByTestData.computeIfAbsent(key, k -> new ArrayList<>()).add(run.label());
        }
        if (runsByTestData.size() < 2) {
            return Optional.empty();
        }
        return Optional.of("the runs were not tested on the same data, so their test metrics do not compare: "
                + String.join("; ", runsByTestData.entrySet().stream()
                        .map(e -> String.join(", ", e.getValue()) + " on " + described.get(e.getKey())).toList()));
    }

    private static Optional<DatasetFingerprint> testFile(Run run) {
        return run.model().provenance().datasets().stream().filter(d -> d.role().equals("test")).findFirst();
    }

    private static void metrics(StringBuilder html, List<Run> runs) {
        html.append("<section><h2>Runs</h2><table class=\"numbers sortable runs\"><thead><tr><th>run</th><th></th>")
                .append("<th>test accuracy</th><th>test macro-F1</th><th>test loss</th><th>epochs</th>")
                .append("<th>best epoch</th><th>best valid accuracy</th><th>training s</th><th>backend</th>")
                .append("</tr></thead><tbody>");
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            ModelMetrics m = run.model().metrics();
            double macroF1 = m.test().map(t -> t.macroF1()).orElse(Double.NaN);
            double bestValid = m.epochs().stream().mapToDouble(EpochSummary::validationAccuracy)
                    .filter(Double::isFinite).max().orElse(Double.NaN);
            html.append("<tr><td class=\"label\" title=\"").append(Html.escape(run.modelFile().toString())).append("\">")
                    .append(Html.escape(run.label())).append("</td><td class=\"swatch\" data-value=\"").append(i)
                    .append("\"><span style=\"background:").append(color(i)).append("\"></span></td><td>")
                    .append(Html.score(m.testAccuracy())).append("</td><td>").append(Html.score(macroF1))
                    .append("</td><td>").append(Html.score(m.testLoss())).append("</td><td>").append(m.epochs().size())
                    .append("</td><td>").append(m.bestEpoch() > 0 ? Integer.toString(m.bestEpoch()) : "\u2013")
                    .append("</td><td>").append(Html.score(bestValid)).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f", run.model().provenance().trainingSeconds()))
                    .append("</td><td class=\"label\">").append(Html.escape(run.model().provenance().backend()))
                    .append("</td></tr>");
        }
        html.append("</tbody></table></section>\n");
    }

    private static void curves(StringBuilder html, List<Run> runs) {
        html.append("<section><h2>Training curves</h2><p class=\"note\">One colour per run, as in the table above; "
                + "solid lines are validation, dashed lines training.</p><div class=\"charts\">");
        html.append(chart("Validation accuracy", "accuracy", runs, EpochSummary::validationAccuracy, false, false));
        html.append(chart("Validation loss", "cross-entropy", runs, EpochSummary::validationLoss, false, false));
        html.append(chart("Training loss", "cross-entropy", runs, EpochSummary::trainLoss, true, false));
        html.append(chart("Validation macro-F1", "macro-F1", runs, EpochSummary::validationMacroF1, false, false));
        html.append(chart("Training accuracy", "accuracy", runs, EpochSummary::trainAccuracy, true, false));
        html.append(chart("Learning rate", "learning rate", runs, EpochSummary::learningRate, true, true));
        html.append("</div></section>\n");
    }

    private static String chart(String title, String yLabel, List<Run> runs, ToDoubleFunction<EpochSummary> value,
                                boolean dashed, boolean logarithmic) {
        LineChart chart = new LineChart(title, yLabel).logarithmic(logarithmic).legend(false);
        for (int i = 0; i < runs.size(); i++) {
            double[] values = runs.get(i).model().metrics().epochs().stream().mapToDouble(value).toArray();
            chart.add(new LineChart.Series(runs.get(i).label(), color(i), values, dashed || i >= PALETTE.size()));
        }
        return chart.svg();
    }

    /** The training options whose values are not the same in every run, one row each. */
    private static void differences(StringBuilder html, List<Run> runs) {
        List<Map<String, Object>> values = runs.stream().map(r -> TrainingOptions.valuesOf(TrainingOptions.recipeOf(r.model())))
                .toList();
        Set<String> names = new LinkedHashSet<>();
        values.forEach(v -> names.addAll(v.keySet()));
        Map<String, List<String>> differing = new LinkedHashMap<>();
        for (String name : names) {
            List<String> row = values.stream().map(v -> v.containsKey(name) ? String.valueOf(v.get(name)) : "\u2013")
                    .toList();
            if (new LinkedHashSet<>(row).size() > 1) {
                differing.put(name, row);
            }
        }
        html.append("<section><h2>Settings that differ</h2>");
        if (differing.isEmpty()) {
            html.append("<p class=\"note\">Every training option has the same value in every run.</p></section>\n");
            return;
        }
        html.append("<table class=\"kv sortable\"><thead><tr><th>option</th>");
        runs.forEach(r -> html.append("<th>").append(Html.escape(r.label())).append("</th>"));
        html.append("</tr></thead><tbody>");
        differing.forEach((name, row) -> {
            html.append("<tr><th>--").append(Html.escape(name)).append("</th>");
            row.forEach(v -> html.append("<td>").append(Html.escape(v)).append("</td>"));
            html.append("</tr>");
        });
        html.append("</tbody></table></section>\n");
    }

    private static String color(int run) {
        return PALETTE.get(run % PALETTE.size());
    }

    /** Labels for runs: each file's name, with its folder where two runs share a name. */
    public static List<String> labels(List<Path> files) {
        List<String> names = files.stream().map(f -> f.getFileName().toString()).toList();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String name = names.get(i);
            boolean shared = names.stream().filter(name::equals).count() > 1;
            labels.add(shared ? files.get(i).toString() : name);
        }
        return labels;
    }
}
