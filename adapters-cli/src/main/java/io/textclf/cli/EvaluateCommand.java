package io.textclf.cli;

import com.google.inject.Injector;
import io.textclf.application.evaluate.EvaluateRequest;
import io.textclf.application.evaluate.EvaluateUseCase;
import io.textclf.application.report.HtmlReport;
import io.textclf.domain.metrics.ClassificationMetrics;
import io.textclf.domain.train.ValidationMetric;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code textclf evaluate}: accuracy, top-k accuracy, per-class precision / recall / F1, their means,
 * loss and confusion matrix of a model on a dataset's test file; optionally as JSON and an HTML report.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a model file on the test file of a dataset, or on a data file.")
final class EvaluateCommand implements Callable<Integer> {

    @ParentCommand
    private TextclfCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Option(names = {"-m", "--model"}, required = true, description = "Model file.")
    private Path model;

    @Mixin
    private DataOptions data;

    @Mixin
    private JsonOption json;

    @Mixin
    private ProgressOption progress;

    @Option(names = "--report", paramLabel = "DIR", description = "Write an HTML report (DIR/report.html): "
            + "confusion matrix, per-class metrics, and the model's training curves, settings and provenance.")
    private Path report;

    @Override
    public Integer call() {
        if (data.data == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--data=<data>' (a dataset "
                    + "folder, whose test file is used, a data file, or a dataset name)");
        }
        Injector injector = common.injector(parent.context().environment());
        String backend = common.checkedBackend(parent.context().environment(), injector);
        if (report != null) {
            new HtmlReport().requireWritable(report);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EvaluateUseCase.Result result = injector.getInstance(EvaluateUseCase.class)
                .evaluate(new EvaluateRequest(model, data.data, backend, data.badRows()),
                        ProgressPrinter.create(progress.mode, err, err, Integer.MAX_VALUE, ValidationMetric.ACCURACY));
        ClassificationMetrics metrics = result.metrics();
        result.warnings().forEach(warning -> err.println("textclf: warning: " + warning));
        err.flush();
        if (!result.skippedRows().isEmpty()) {
            err.printf("skipped %d malformed rows, first: %s%n", result.skippedRows().size(),
                    result.skippedRows().get(0));
            err.flush();
        }
        Optional<Path> page = Optional.ofNullable(report).map(dir -> new HtmlReport().write(dir,
                new HtmlReport.Content("Evaluation report", model, result.artifact(), Optional.of(metrics),
                        result.describe())));
        if (json.json) {
            List<String> fields = new ArrayList<>(List.of("test_file", Json.string(result.testFile().toString()),
                    "test_file_md5", Json.string(result.testData().md5()),
                    "skipped_rows", Integer.toString(result.skippedRows().size())));
            fields.addAll(MetricsJson.fields(metrics));
            fields.addAll(List.of("report", page.map(p -> Json.string(p.toString())).orElse("null")));
            out.println(Json.object(fields.toArray(String[]::new)));
            return 0;
        }
        out.printf(Locale.ROOT, "%s: accuracy %.4f on %d rows%s, loss %.4f%n", result.testFile(), metrics.accuracy(),
                metrics.examples(), result.skippedRows().isEmpty() ? ""
                        : " (" + result.skippedRows().size() + " malformed rows skipped)", metrics.meanLoss());
        out.println();
        out.print(MetricsTable.render(metrics));
        out.println();
        out.println("confusion matrix (rows: actual, columns: predicted)");
        List<String> labels = metrics.labels();
        int width = Math.max(8, labels.stream().mapToInt(String::length).max().orElse(8));
        StringBuilder header = new StringBuilder(String.format("%" + width + "s", ""));
        labels.forEach(label -> header.append(String.format(" %" + width + "s", label)));
        out.println(header);
        for (int actual = 0; actual < labels.size(); actual++) {
            StringBuilder row = new StringBuilder(String.format("%" + width + "s", labels.get(actual)));
            for (long count : metrics.confusion()[actual]) {
                row.append(String.format(" %" + width + "d", count));
            }
            out.println(row);
        }
        page.ifPresent(file -> out.printf("wrote report %s%n", file));
        return 0;
    }
}
