package io.textclf.cli;

import io.textclf.modelformat.ModelFileStore;
import io.textclf.application.report.ComparisonReport;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelMetrics;
import io.textclf.domain.train.EpochSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code textclf report compare RUN...}: one page overlaying the curves and metrics of several runs. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare runs: one HTML page with their curves overlaid, their test metrics in a sortable "
                + "table and the settings in which they differ.")
final class ReportCompareCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN", description = "Model files of the runs (what train -o wrote), "
            + "two or more.")
    private List<Path> runs;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "comparison",
            description = "Folder of the page, DIR/report.html (default: ${DEFAULT-VALUE}).")
    private Path output;

    @Mixin
    private JsonOption json;

    @Mixin
    private VerboseOption verbose;

    @Override
    public Integer call() {
        if (runs.size() < 2) {
            throw new InvalidOptionException("report compare needs two runs or more, was given " + runs.get(0)
                    + " alone");
        }
        if (runs.stream().map(run -> run.toAbsolutePath().normalize()).distinct().count() < runs.size()) {
            throw new InvalidOptionException("report compare was given the same run twice: " + runs);
        }
        ModelFileStore store = new ModelFileStore();
        List<String> labels = ComparisonReport.labels(runs);
        List<ComparisonReport.Run> loaded = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            ModelArtifact model = store.load(runs.get(i));
            loaded.add(new ComparisonReport.Run(labels.get(i), runs.get(i), model));
        }
        Path page = new ComparisonReport().write(output, loaded);
        Optional<String> mismatch = ComparisonReport.testDataMismatch(loaded);
        mismatch.ifPresent(warning -> {
            spec.commandLine().getErr().println("textclf: warning: " + warning);
            spec.commandLine().getErr().flush();
        });
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            out.println(Json.object("report", Json.string(page.toString()), "same_test_data",
                    Boolean.toString(mismatch.isEmpty()), "runs", Json.array(loaded.stream()
                    .map(ReportCompareCommand::runJson).toList())));
        } else {
            out.printf("wrote comparison of %d runs to %s%n", loaded.size(), page);
        }
        out.flush();
        return 0;
    }

    /** A run as the page's table has it. */
    private static String runJson(ComparisonReport.Run run) {
        ModelMetrics m = run.model().metrics();
        OptionalDouble bestValid = m.epochs().stream().mapToDouble(EpochSummary::validationAccuracy)
                .filter(Double::isFinite).max();
        return Json.object("label", Json.string(run.label()),
                "model_file", Json.string(run.modelFile().toString()),
                "test_accuracy", Json.number(m.testAccuracy()),
                "test_macro_f1", m.test().map(t -> Json.number(t.macroF1())).orElse("null"),
                "test_loss", Json.number(m.testLoss()),
                "epochs", Integer.toString(m.epochs().size()),
                "best_epoch", m.bestEpoch() > 0 ? Integer.toString(m.bestEpoch()) : "null",
                "best_validation_accuracy", bestValid.isPresent() ? Json.number(bestValid.getAsDouble()) : "null",
                "training_seconds", Json.number(run.model().provenance().trainingSeconds()),
                "backend", Json.string(run.model().provenance().backend()));
    }
}
