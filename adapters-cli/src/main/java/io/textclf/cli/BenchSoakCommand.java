package io.textclf.cli;

import com.google.inject.Injector;
import io.textclf.application.backend.BackendRegistry;
import io.textclf.application.config.SettingKey;
import io.textclf.application.dataset.DatasetLoader;
import io.textclf.application.predict.ClassifierLoader;
import io.textclf.application.train.TrainUseCase;
import io.textclf.grpc.DurationText;
import io.textclf.grpc.ServerComponents;
import io.textclf.grpc.ServerLogging;
import io.textclf.grpc.ServerSettings;
import io.textclf.grpc.soak.Soak;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code textclf bench soak}: a bounded soak of a server started in this process on loopback; fails
 * (exit 1) when a call failed other than by a refusal a limit promises, or the server did not restart.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Soak a server on 127.0.0.1 (started here, port 0) with Classify threads, a Train loop, "
                + "uploads and ListModels for a bounded time; report calls, errors by status code, latency "
                + "percentiles and memory (RSS, heap), then restart the server on the folders it left.")
final class BenchSoakCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private BenchCommand parent;

    @Mixin
    private CommonOptions common;

    @Option(names = {"-d", "--data"}, required = true, paramLabel = "DIR",
            description = "Dataset folder to train on, upload and classify (e.g. ag_news_mini).")
    private Path data;

    @Option(names = "--work", paramLabel = "DIR", description = "Folder for the models and data root, left for "
            + "inspection (default: a new temporary folder).")
    private Path work;

    @Option(names = "--duration", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long the load runs: 90s, 10m, 1h (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--classify-threads", defaultValue = "4",
            description = "Threads calling Classify back to back (default: ${DEFAULT-VALUE}).")
    private int classifyThreads;

    @Option(names = "--texts-per-call", defaultValue = "16",
            description = "Texts in one Classify call (default: ${DEFAULT-VALUE}).")
    private int textsPerCall;

    @Option(names = "--train-every", defaultValue = "5s", converter = DurationConverter.class,
            description = "A 1-epoch Train starts this often (default: ${DEFAULT-VALUE}).")
    private Duration trainEvery;

    @Option(names = "--upload-every", defaultValue = "10s", converter = DurationConverter.class,
            description = "An upload of the dataset's files starts this often (default: ${DEFAULT-VALUE}).")
    private Duration uploadEvery;

    @Option(names = "--list-every", defaultValue = "1s", converter = DurationConverter.class,
            description = "A ListModels call this often (default: ${DEFAULT-VALUE}).")
    private Duration listEvery;

    @Option(names = "--call-log", defaultValue = "off", description = "The server's log line per call: text, "
            + "json or off (default: ${DEFAULT-VALUE}).")
    private String callLog;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        InvalidOptionException.fromFlags(() -> Soak.Settings.check(duration, classifyThreads, trainEvery, uploadEvery,
                listEvery, textsPerCall));
        Injector injector = common.injector(parent.context().environment());
        String backend = common.resolve(parent.context().environment()).value(SettingKey.BACKEND);
        BackendRegistry backends = injector.getInstance(BackendRegistry.class);
        String engine = backends.get(backend).describe();
        ServerSettings.Observability observability = InvalidOptionException.whenResolving(
                () -> new ServerSettings.Observability(-1, callLog));
        injector.getInstance(DatasetLoader.class).locate(data.toString());
        Path folder = work != null ? Files.createDirectories(work) : Files.createTempDirectory("textclf-soak");
        ServerComponents components = new ServerComponents(injector.getInstance(TrainUseCase.class),
                injector.getInstance(ClassifierLoader.class), injector.getInstance(DatasetLoader.class),
                backends.names());
        Soak.Settings defaults = Soak.Settings.defaults(data, folder, duration);
        Soak.Settings settings = new Soak.Settings(data, duration, classifyThreads, trainEvery, uploadEvery, listEvery,
                textsPerCall, defaults.settings().withBackend(backend)
                        .withObservability(observability));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter info = json.json ? spec.commandLine().getErr() : out;
        ServerLogging.install();
        info.printf("soak of %s: %d Classify threads of %d texts, Train every %s, upload every %s, ListModels every "
                        + "%s; models and data in %s; backend %s%n", DurationText.of(duration), classifyThreads,
                textsPerCall, DurationText.of(trainEvery), DurationText.of(uploadEvery), DurationText.of(listEvery),
                folder, engine);
        info.flush();
        Soak.Report report = Soak.run(settings, components, line -> {
            info.println(line);
            info.flush();
        });
        printReport(info, report);
        if (json.json) {
            out.println(toJson(report));
            out.flush();
        }
        if (report.unexpectedErrors() > 0 || !report.restart().ok()) {
            throw new RunFailedException(report.unexpectedErrors() + " calls failed unexpectedly"
                    + (report.restart().ok() ? "" : "; the restart failed: " + report.restart().problem()));
        }
        return 0;
    }

    private static void printReport(PrintWriter out, Soak.Report report) {
        out.printf(Locale.ROOT, "%-14s %10s %9s %9s %9s  %s%n", "call", "succeeded", "p50 ms", "p99 ms", "max ms",
                "errors by status");
        for (Soak.CallSummary call : report.calls()) {
            out.printf(Locale.ROOT, "%-14s %10d %9.2f %9.2f %9.2f  %s%n", call.call(), call.succeeded(),
                    call.p50Millis(), call.p99Millis(), call.maxMillis(),
                    call.errorsByCode().isEmpty() ? "-" : call.errorsByCode() + " first: " + call.firstErrors());
        }
        double settle = Math.min(60, report.seconds() / 3);
        Soak.MemorySample first = report.sampleAt(settle);
        Soak.MemorySample last = report.memory().get(report.memory().size() - 1);
        long maxRss = report.maxRssFrom(settle);
        out.printf(Locale.ROOT, "memory: RSS %d MiB at %.0f s, %d MiB at the end, max %d MiB after %.0f s (%+.1f%%); "
                        + "live heap %d -> %d MiB%n", first.rssBytes() >> 20, first.seconds(), last.rssBytes() >> 20,
                maxRss >> 20, settle, 100.0 * (maxRss - first.rssBytes()) / Math.max(1, first.rssBytes()),
                first.heapAfterGcBytes() >> 20, last.heapAfterGcBytes() >> 20);
        out.printf(Locale.ROOT, "restart on the folders left: %s in %.2f s, serving %s%n",
                report.restart().ok() ? "ok" : "FAILED (" + report.restart().problem() + ")", report.restart().seconds(),
                report.restart().versions());
        out.printf(Locale.ROOT, "unexpected errors: %d%n", report.unexpectedErrors());
        out.flush();
    }

    /** The report as one JSON object: calls with their latencies and errors, memory samples, the restart. */
    static String toJson(Soak.Report report) {
        List<String> calls = report.calls().stream().map(call -> Json.object("call", Json.string(call.call()),
                "succeeded", Long.toString(call.succeeded()), "errors_by_code", Json.object(call.errorsByCode()
                        .entrySet().stream().flatMap(e -> Stream.of(e.getKey(), Long.toString(e.getValue())))
                        .toArray(String[]::new)), "p50_ms", Json.number(call.p50Millis()), "p99_ms",
                Json.number(call.p99Millis()), "max_ms", Json.number(call.maxMillis()))).toList();
        List<String> memory = report.memory().stream().map(sample -> Json.object("seconds",
                Json.number(sample.seconds()), "rss_bytes", Long.toString(sample.rssBytes()), "heap_used_bytes",
                Long.toString(sample.heapUsedBytes()), "heap_after_gc_bytes", Long.toString(sample.heapAfterGcBytes())))
                .toList();
        Soak.Restart restart = report.restart();
        String versions = Json.object(restart.versions().entrySet().stream().flatMap(e -> Stream.of(e.getKey(),
                Json.array(e.getValue().stream().map(String::valueOf).toList()))).toArray(String[]::new));
        return Json.object("seconds", Json.number(report.seconds()), "calls", Json.array(calls), "memory",
                Json.array(memory), "restart", Json.object("ok", Boolean.toString(restart.ok()), "seconds",
                        Json.number(restart.seconds()), "versions", versions, "problem",
                        Json.string(restart.problem() == null ? "" : restart.problem())),
                "unexpected_errors", Long.toString(report.unexpectedErrors()));
    }

    /** {@code 90s}, {@code 10m}, {@code 1h}, {@code 500ms}, or ISO-8601 ({@code PT10M}). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            Matcher matcher = SIMPLE.matcher(value.strip());
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            }
            try {
                return Duration.parse(value.strip());
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("'" + value + "' is not a duration (e.g. 90s, 10m, 1h)");
            }
        }
    }
}
