package io.textclf.cli;

import io.textclf.application.config.SettingKey;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.train.RunOptions;
import io.textclf.application.train.TrainRequest;
import io.textclf.application.train.TrainUseCase;
import io.textclf.application.train.TrainingObserver;
import io.textclf.application.train.TrainingReport;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.TrainingOptions;
import io.textclf.domain.train.TrainingSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code textclf bench train}: repeats the default training run in one JVM and reports the median
 * time per epoch, whole-run time and test accuracy per backend.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train repeatedly with the tutorial's settings (and train's defaults for --ngrams) and report "
                + "median seconds per epoch, seconds per run and test accuracy, for each backend given.")
final class BenchTrainCommand implements Callable<Integer> {

    @ParentCommand
    private BenchCommand bench;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Option(names = {"-d", "--data"}, required = true, description = "Dataset folder or name.")
    private String data;

    @Option(names = "--backends", split = ",", description = "Backends to compare (default: the configured one).")
    private List<String> backends;

    @Option(names = "--repeat", defaultValue = "3", description = "Runs per backend (default: ${DEFAULT-VALUE}).")
    private int repeat;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs per run (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Mixin
    private JsonOption json;

    @Option(names = "--threads", defaultValue = "1", description = "Training threads (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--ngrams", defaultValue = "1", description = "Word n-grams, 1 for words only (default: ${DEFAULT-VALUE}).")
    private int ngrams;

    @Option(names = "--buckets", description = "Hash buckets of the word n-grams (default: as textclf train).")
    private Integer buckets;

    @Override
    public Integer call() throws IOException {
        if (repeat < 1) {
            throw new InvalidOptionException("--repeat must be at least 1, was " + repeat);
        }
        java.util.Map<String, String> environment = environment();
        List<String> names = backends == null || backends.isEmpty()
                ? List.of(common.resolve(environment).value(SettingKey.BACKEND)) : backends;
        TrainUseCase useCase = common.injector(environment).getInstance(TrainUseCase.class);
        Map<String, Object> pipeline = new LinkedHashMap<>(Map.of("threads", threads,
                "ngrams", ngrams));
        if (buckets != null) {
            pipeline.put("buckets", buckets);
        }
        TrainingOptions.Resolved resolved = InvalidOptionException.fromFlags(
                () -> TrainingOptions.resolve(pipeline, TrainingOptions.Spelling.CLI));
        TrainingSettings settings = InvalidOptionException.fromFlags(() -> resolved.settings().withEpochs(epochs));
        RunOptions runOptions = new RunOptions(Optional.empty(), 0, 0, Optional.empty(), false, Optional.empty(), List.of(),
                resolved.threads());
        PrintWriter out = spec.commandLine().getOut();
        for (String backend : names) {
            useCase.requireCanTrain(backend, settings, runOptions.threads());
        }
        PrintWriter table = json.json ? spec.commandLine().getErr() : out;
        List<String> results = new ArrayList<>();
        table.printf("%-10s %4s %12s %12s %10s %18s%n", "backend", "run", "s/epoch", "s/run", "test acc",
                "words/sec/thread");
        Path scratch = Files.createTempDirectory("textclf-bench");
        try {
            for (String backend : names) {
                double[] epochMedians = new double[repeat];
                double[] runSeconds = new double[repeat];
                double[] throughput = new double[repeat];
                double[] accuracies = new double[repeat];
                for (int run = 0; run < repeat; run++) {
                    long started = System.nanoTime();
                    TrainingReport report = useCase.train(new TrainRequest(data, settings, backend,
                            scratch.resolve(backend + ".textclf"), BadRowPolicy.FAIL, runOptions,
                            PipelineSpec.tutorial().withWordNgrams(resolved.ngrams())),
                            TrainingObserver.SILENT);
                    runSeconds[run] = (System.nanoTime() - started) / 1e9;
                    epochMedians[run] = median(report.artifact().metrics().epochs().stream()
                            .mapToDouble(EpochSummary::seconds).toArray());
                    accuracies[run] = report.artifact().metrics().testAccuracy();
                    throughput[run] = report.wordsPerEpoch() / epochMedians[run] / report.threads();
                    table.printf(Locale.ROOT, "%-10s %4d %12.3f %12.3f %10.4f %18.0f%n", backend, run + 1,
                            epochMedians[run], runSeconds[run], accuracies[run], throughput[run]);
                    table.flush();
                }
                table.printf(Locale.ROOT, "%-10s %4s %12.3f %12.3f %10.4f %18.0f%n", backend, "med",
                        median(epochMedians), median(runSeconds), median(accuracies), median(throughput));
                results.add(Json.object("backend", Json.string(backend),
                        "seconds_per_epoch", Json.array(Arrays.stream(epochMedians).mapToObj(Json::number).toList()),
                        "seconds_per_run", Json.array(Arrays.stream(runSeconds).mapToObj(Json::number).toList()),
                        "median_seconds_per_epoch", Json.number(median(epochMedians)),
                        "median_seconds_per_run", Json.number(median(runSeconds)),
                        "median_words_per_second_per_thread", Json.number(median(throughput)),
                        "test_accuracy", Json.array(Arrays.stream(accuracies).mapToObj(Json::number).toList()),
                        "median_test_accuracy", Json.number(median(accuracies))));
            }
        } finally {
            deleteTree(scratch);
        }
        if (json.json) {
            out.println(Json.object("epochs", Integer.toString(epochs), "repeat", Integer.toString(repeat),
                    "backends", Json.array(results)));
            out.flush();
        }
        return 0;
    }

    private java.util.Map<String, String> environment() {
        return bench.context().environment();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void deleteTree(Path folder) {
        try (var paths = Files.walk(folder)) {
            List<Path> all = new ArrayList<>(paths.toList());
            java.util.Collections.reverse(all);
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
