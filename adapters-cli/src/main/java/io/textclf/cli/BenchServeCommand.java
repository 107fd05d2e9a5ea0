package io.textclf.cli;

import com.google.inject.Guice;
import io.grpc.ManagedChannel;
import io.textclf.application.TextclfModule;
import io.textclf.application.config.TextclfConfig;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.dataset.Dataset;
import io.textclf.application.dataset.DatasetLoader;
import io.textclf.domain.data.Example;
import io.textclf.domain.data.LabeledCorpus;
import io.textclf.grpc.ClientChannels;
import io.textclf.grpc.LoadGenerator;
import io.textclf.grpc.ServerAddress;
import io.textclf.modelformat.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code textclf bench serve}: loads a running server with Classify calls for a bounded time and
 * reports throughput and latency percentiles.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Drive a running textclf server with Classify calls for a bounded time; report calls/s, "
                + "texts/s and p50/p99/max latency.")
final class BenchServeCommand implements Callable<Integer> {

    @Mixin
    private VerboseOption verbose;

    @Spec
    private CommandSpec spec;

    @Option(names = "--target", defaultValue = "localhost:8500",
            description = "Server address host:port (default: ${DEFAULT-VALUE}).")
    private String target;

    @ArgGroup(multiplicity = "1")
    private TextSource source;

    static final class TextSource {
        @Option(names = {"-d", "--data"}, description = "Dataset folder or name whose texts to send (its test "
                + "file, else its training file).")
        String data;

        @Option(names = "--texts", paramLabel = "FILE", description = "File of texts to send, one per line.")
        Path texts;
    }

    @Option(names = "--batch-size", defaultValue = "64", description = "Texts per call (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--concurrency", defaultValue = "8",
            description = "Calls in flight at most (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(names = "--rate", defaultValue = "0", description = "Calls started per second on a fixed schedule, "
            + "latency measured from the scheduled start; 0: as fast as the calls in flight allow (default: 0).")
    private double rate;

    @Option(names = "--duration", defaultValue = "10", paramLabel = "SECONDS",
            description = "Measuring time (default: ${DEFAULT-VALUE}).")
    private double duration;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "SECONDS",
            description = "Load before measuring (default: ${DEFAULT-VALUE}).")
    private double warmup;

    @Option(names = "--model", defaultValue = "", description = "Model name (default: the server's default model).")
    private String model;

    @Option(names = {"-k", "--top-k"}, defaultValue = "1", description = "Classes per text (default: ${DEFAULT-VALUE}).")
    private int topK;

    @Option(names = "--deadline-ms", defaultValue = "10000",
            description = "Deadline of each call (default: ${DEFAULT-VALUE}).")
    private long deadlineMs;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Send the first bearer token of this file.")
    private Path tokenFile;

    @Option(names = "--tls-ca", paramLabel = "PEM", description = "Use TLS, trusting these certificates.")
    private Path tlsCa;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() throws InterruptedException {
        ServerAddress address = InvalidOptionException.whenResolving(() -> ServerAddress.parse(target));
        LoadGenerator.Load load = InvalidOptionException.fromFlags(() -> new LoadGenerator.Load(batchSize,
                concurrency, rate, seconds(duration), seconds(warmup), model, topK, Duration.ofMillis(deadlineMs)));
        Optional<String> token = Optional.ofNullable(tokenFile).map(file -> ServeCommand.readTokens(file).get(0));
        if (tlsCa != null && !Files.isRegularFile(tlsCa)) {
            throw new InvalidOptionException("cannot read --tls-ca " + tlsCa + ": "
                    + (Files.exists(tlsCa) ? "not a regular file" : "no such file"));
        }
        resolvable(address);
        List<String> texts = source.texts != null ? readLines(source.texts) : datasetTexts(source.data);
        LoadGenerator.Settings settings = new LoadGenerator.Settings(texts, load);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter info = json.json ? spec.commandLine().getErr() : out;
        info.printf(Locale.ROOT, "target %s, model %s, %d texts per call, concurrency %d, %s, %.0f s after %.0f s "
                        + "warm-up%n", target, model.isEmpty() ? "(default)" : model, batchSize, concurrency,
                rate > 0 ? String.format(Locale.ROOT, "rate %.0f calls/s", rate) : "closed loop", duration, warmup);
        info.flush();
        ManagedChannel channel = ClientChannels.open(address, Optional.ofNullable(tlsCa), token);
        LoadGenerator.Report report;
        try {
            report = LoadGenerator.run(channel, settings);
        } finally {
            channel.shutdownNow();
            channel.awaitTermination(5, TimeUnit.SECONDS);
        }
        if (json.json) {
            out.println(Json.object("target", Json.string(target), "calls", Long.toString(report.calls()),
                    "calls_per_second", Json.number(report.callsPerSecond()), "texts", Long.toString(report.texts()),
                    "texts_per_second", Json.number(report.textsPerSecond()), "errors", Long.toString(report.errors()),
                    "seconds", Json.number(report.seconds()), "p50_ms", Json.number(report.p50Millis()),
                    "p99_ms", Json.number(report.p99Millis()), "max_ms", Json.number(report.maxMillis())));
        } else {
            out.printf(Locale.ROOT, "calls %d (%.1f/s), texts %d (%.1f/s), errors %d, %.2f s%n", report.calls(),
                    report.callsPerSecond(), report.texts(), report.textsPerSecond(), report.errors(), report.seconds());
            out.printf(Locale.ROOT, "latency ms: p50 %.3f  p99 %.3f  max %.3f%n", report.p50Millis(),
                    report.p99Millis(), report.maxMillis());
        }
        out.flush();
        if (report.errors() > 0) {
            throw new RunFailedException(report.errors() + " calls failed; the first: " + report.firstError()
                    + (report.serverGone() ? " (the server stopped answering: the run stopped there)" : ""));
        }
        return 0;
    }

    /**
     * Looks {@code address}'s host up before any call, so that a name that does not resolve is one line naming it (the
     * channel would log the failure with a stack trace, then fail the first call).
     */
    private static void resolvable(ServerAddress address) {
        try {
            InetAddress.getAllByName(address.host());
        } catch (UnknownHostException e) {
            throw new UncheckedIOException("cannot resolve the host of --target " + address + ": " + e.getMessage(),
                    e);
        }
    }

    private static Duration seconds(double value) {
        return Duration.ofNanos((long) (value * 1e9));
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + AtomicFiles.reason(e, file), e);
        }
    }

    private static List<String> datasetTexts(String data) {
        DatasetLoader loader = Guice.createInjector(new TextclfModule(TextclfConfig.defaults()))
                .getInstance(DatasetLoader.class);
        Dataset dataset = loader.load(data, BadRowPolicy.SKIP);
        LabeledCorpus corpus = dataset.test().orElse(dataset.train());
        return corpus.examples().stream().map(Example::text).toList();
    }
}
