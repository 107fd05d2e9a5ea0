package io.textclf.cli;

import io.textclf.application.config.SettingKey;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.evaluate.EvaluateRequest;
import io.textclf.application.evaluate.EvaluateUseCase;
import io.textclf.domain.train.Evaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code textclf evaluate}: accuracy, loss and confusion matrix of a model on a dataset's test file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a model file on the test file of a dataset.")
final class EvaluateCommand implements Callable<Integer> {

    @ParentCommand
    private TextclfCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Option(names = {"-m", "--model"}, required = true, description = "Model file.")
    private Path model;

    @Option(names = {"-d", "--data"}, required = true, description = "Dataset folder or name; its test file is used.")
    private String data;

    @Option(names = "--skip-bad-rows", description = "Skip malformed rows instead of failing.")
    private boolean skipBadRows;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    private boolean json;

    @Override
    public Integer call() {
        String backend = common.resolve(parent.context().environment()).value(SettingKey.BACKEND);
        EvaluateUseCase.Result result = common.injector(parent.context().environment())
                .getInstance(EvaluateUseCase.class)
                .evaluate(new EvaluateRequest(model, data, backend, skipBadRows ? BadRowPolicy.SKIP : BadRowPolicy.FAIL));
        PrintWriter out = spec.commandLine().getOut();
        Evaluation e = result.evaluation();
        List<String> labels = result.artifact().labels();
        if (json) {
            out.println(Json.object(
                    "test_file", Json.string(result.testFile().toString()),
                    "examples", Long.toString(e.examples()),
                    "accuracy", Json.number(e.accuracy()),
                    "loss", Json.number(e.meanLoss()),
                    "labels", Json.array(labels.stream().map(Json::string).toList()),
                    "confusion", Json.array(java.util.Arrays.stream(e.confusion())
                            .map(row -> Json.array(java.util.Arrays.stream(row).mapToObj(Long::toString).toList()))
                            .toList())));
            return 0;
        }
        out.printf(Locale.ROOT, "%s: accuracy %.4f on %d rows, loss %.4f%n", result.testFile(), e.accuracy(),
                e.examples(), e.meanLoss());
        out.println("confusion matrix (rows: actual, columns: predicted)");
        int width = Math.max(8, labels.stream().mapToInt(String::length).max().orElse(8));
        StringBuilder header = new StringBuilder(String.format("%" + width + "s", ""));
        labels.forEach(label -> header.append(String.format(" %" + width + "s", label)));
        out.println(header);
        for (int actual = 0; actual < labels.size(); actual++) {
            StringBuilder row = new StringBuilder(String.format("%" + width + "s", labels.get(actual)));
            for (long count : e.confusion()[actual]) {
                row.append(String.format(" %" + width + "d", count));
            }
            out.println(row);
        }
        return 0;
    }
}
