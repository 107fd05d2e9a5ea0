package io.textclf.cli;

import com.google.inject.Injector;
import io.textclf.application.backend.BackendRegistry;
import io.textclf.application.config.SettingKey;
import io.textclf.application.config.SettingsText;
import io.textclf.application.dataset.DatasetLoader;
import io.textclf.application.predict.ClassifierLoader;
import io.textclf.application.serve.ModelFootprint;
import io.textclf.application.serve.VersionPolicy;
import io.textclf.application.train.TrainUseCase;
import io.textclf.grpc.Limits;
import io.textclf.grpc.ServerComponents;
import io.textclf.grpc.ServerLogging;
import io.textclf.grpc.ServerSettings;
import io.textclf.grpc.TextclfServer;
import io.textclf.modelformat.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code textclf serve}: the gRPC server. Every setting comes from its flag, else from the
 * {@code --server-config} file (Java properties keyed by the flag's name without dashes), else the
 * default. Runs until the process is stopped (SIGTERM or Ctrl-C shut it down gracefully) or its
 * thread is interrupted.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve models over gRPC (textclf.v1: Classify, Train, UploadDataset, DeleteUpload, "
                + "ListModels, GetModelMetadata; the Open Inference Protocol inference.GRPCInferenceService; "
                + "grpc.health.v1 and server reflection), with Prometheus metrics and a live models directory; "
                + "see docs/api.md.")
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    private TextclfCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Option(names = "--server-config", paramLabel = "FILE", description = "Server settings file: Java properties "
            + "whose keys are these options' names without dashes (port=8500, models-dir=/srv/models, ...). "
            + "Flags override it.")
    private Path serverConfig;

    @Option(names = "--host", description = "Address to listen on (default: 0.0.0.0, every interface).")
    private String host;

    @Option(names = "--port", description = "TCP port, 0 for any free one (default: 8500).")
    private Integer port;

    @Option(names = "--models-dir", paramLabel = "DIR", description = "Models served, as NAME/VERSION.textclf; "
            + "Train writes new versions here (default: models).")
    private Path modelsDir;

    @Option(names = "--data-root", paramLabel = "DIR", description = "The only folder clients may name datasets "
            + "in; uploads are stored in its uploads/ folder (default: data).")
    private Path dataRoot;

    @Option(names = "--default-model", paramLabel = "NAME", description = "Model that answers calls naming none "
            + "(default: the only model, when there is one).")
    private String defaultModel;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Bearer tokens, one per line ('#' starts "
            + "a comment, also after a token); calls without one get UNAUTHENTICATED, health stays open (default: no "
            + "authentication).")
    private Path tokenFile;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "TLS certificate chain (with --tls-key).")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "TLS private key, PKCS#8 (with --tls-cert).")
    private Path tlsKey;

    @Option(names = "--max-texts", description = "Texts per Classify call (default: 1024).")
    private Integer maxTexts;

    @Option(names = "--max-text-chars", description = "Characters per text (default: 100000).")
    private Integer maxTextChars;

    @Option(names = "--max-message-bytes", paramLabel = "SIZE", description = "Bytes per received message, or "
            + "with k, m, g (default: 16m).")
    private String maxMessageBytes;

    @Option(names = "--max-upload-bytes", paramLabel = "SIZE", description = "Bytes per dataset upload, or with k, "
            + "m, g (default: 1g).")
    private String maxUploadBytes;

    @Option(names = "--max-training-jobs", description = "Training jobs at once; more get RESOURCE_EXHAUSTED "
            + "(default: 1).")
    private Integer maxTrainingJobs;

    @Option(names = "--max-epochs", description = "Epochs one Train call may ask for; more get INVALID_ARGUMENT "
            + "(default: 1000).")
    private Integer maxEpochs;

    @Option(names = "--max-concurrent-uploads", description = "Uploads in progress at once; more get "
            + "RESOURCE_EXHAUSTED (default: 2).")
    private Integer maxConcurrentUploads;

    @Option(names = "--max-stored-upload-bytes", paramLabel = "SIZE", description = "Bytes all stored uploads may "
            + "hold, or with k, m, g; beyond, uploads get RESOURCE_EXHAUSTED until some are deleted (default: 10g).")
    private String maxStoredUploadBytes;

    @Option(names = "--upload-retention-days", description = "Stored uploads older than this are deleted; 0 keeps "
            + "them (default: 7).")
    private Integer uploadRetentionDays;

    @Option(names = "--upload-idle-timeout", paramLabel = "SECONDS", description = "An upload that sends no data for "
            + "this long is ended (DEADLINE_EXCEEDED), freeing its place among --max-concurrent-uploads (default: 60).")
    private Integer uploadIdleTimeout;

    @Option(names = "--handshake-timeout", paramLabel = "SECONDS", description = "A new connection that has not "
            + "started HTTP/2 (and TLS) by then is closed (default: 10).")
    private Integer handshakeTimeout;

    @Option(names = "--max-connection-idle", paramLabel = "SECONDS", description = "A connection without calls "
            + "for this long is closed (default: 300).")
    private Integer maxConnectionIdle;

    @Option(names = "--max-connections", description = "Connections open at once; more are closed as they arrive "
            + "(default: 1000).")
    private Integer maxConnections;

    @Option(names = "--classify-threads", description = "Threads for Classify calls of more than 4 texts or 4096 "
            + "characters (smaller ones are answered on the network thread); 0 answers every call there "
            + "(default: the number of processors).")
    private Integer classifyThreads;

    @Option(names = "--shutdown-grace", paramLabel = "SECONDS", description = "How long a shutdown waits for "
            + "calls in flight (default: 30).")
    private Integer shutdownGrace;

    @Option(names = "--version-policy", paramLabel = "POLICY", description = "Versions served of each model: "
            + "latest, latest:N, all or specific:V1,V2 (default: latest:2).")
    private String versionPolicy;

    @Option(names = "--max-model-memory", paramLabel = "SIZE", description = "Bound on the estimated memory of the "
            + "served versions (parameters + vocabulary), in bytes or with k, m, g; a version past it is refused "
            + "with a message (default: half the heap).")
    private String maxModelMemory;

    @Option(names = "--poll-interval", paramLabel = "SECONDS", description = "How often the models directory is "
            + "read for added and removed versions; 0: never (default: 5).")
    private Double pollInterval;

    @Option(names = "--metrics-port", description = "Port of the Prometheus endpoint (/metrics) on --host; 0 for "
            + "any free one (default: none).")
    private Integer metricsPort;

    @Option(names = "--call-log", paramLabel = "FORMAT", description = "One line per call on stderr: text, json or "
            + "off (default: text).")
    private String callLog;

    @Option(names = "--port-file", paramLabel = "FILE", description = "Write the port listened on to this file "
            + "once serving (for scripts, with --port 0).")
    private Path portFile;

    @Override
    public Integer call() throws IOException {
        Map<String, String> environment = parent.context().environment();
        ServerConfigFile file = InvalidOptionException.whenResolving(() -> ServerConfigFile.read(serverConfig, spec));
        Path models = modelsDir(file);
        if (common.backend == null && file.string("backend", null, null) != null) {
            common.givenBy(SettingKey.BACKEND, "server config " + serverConfig);
        }
        if (common.device == null && file.string("device", null, null) != null) {
            common.givenBy(SettingKey.DEVICE, "server config " + serverConfig);
        }
        common.backend = file.string("backend", common.backend, null);
        common.device = file.string("device", common.device, null);
        Path portPath = file.path("port-file", portFile, null);
        Path tokenPath = file.path("token-file", tokenFile, null);
        List<String> tokens = tokenPath == null ? List.of() : readTokens(tokenPath);
        String backendName = common.resolve(environment).value(SettingKey.BACKEND);
        ServerSettings settings = InvalidOptionException.whenResolving(() -> settingsNamingTheFile(file, models,
                backendName, tokens));
        Injector injector = common.injector(environment);
        BackendRegistry backends = injector.getInstance(BackendRegistry.class);
        String backend = backends.get(settings.backend()).describe();
        ServerComponents components = new ServerComponents(injector.getInstance(TrainUseCase.class),
                injector.getInstance(ClassifierLoader.class), injector.getInstance(DatasetLoader.class),
                backends.names());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerLogging.install();
        if (portPath != null) {
            AtomicFiles.requireWritable(portPath, "port file");
        }
        boolean newDataRoot = !Files.exists(settings.dataRoot());
        TextclfServer server;
        try {
            server = TextclfServer.start(settings, components);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        Thread hook = new Thread(() -> {
            err.println("textclf: shutting down: cancelling training jobs, finishing calls in flight");
            err.flush();
            server.close();
            err.println("textclf: stopped");
            err.flush();
        }, "textclf-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (settings.tokens().isEmpty()) {
                err.println("textclf: warning: no bearer tokens configured: whoever reaches the port can classify, "
                        + "train and upload");
                err.flush();
            }
            if (newDataRoot) {
                err.println("textclf: warning: the data root " + settings.dataRoot() + " did not exist: it was made, "
                        + "empty (clients can upload datasets into it; check --data-root for a typo)");
                err.flush();
            }
            if (!Files.isWritable(settings.modelsDir())) {
                err.println("textclf: warning: the models directory " + settings.modelsDir() + " is not writable: "
                        + "models can be served from it, but Train cannot save new versions there");
                err.flush();
            }
            out.printf("serving %s on %s:%d (%s); backend %s; models in %s, data root %s%n", describe(server),
                    settings.host(), server.port(), settings.tls().isPresent() ? "TLS" : "plaintext",
                    backend, settings.modelsDir(), settings.dataRoot());
            ServerSettings.Repository repository = settings.repository();
            out.printf("version policy %s, model memory bound %s, %s%s%n",
                    repository.policy(), ModelFootprint.readable(repository.maxModelBytes()),
                    repository.pollInterval().isZero() ? "not polling the models directory"
                            : "polling the models directory every " + repository.pollInterval().toMillis() / 1000.0
                                    + " s",
                    server.metricsPort().isPresent()
                            ? "; metrics on http://" + settings.host() + ":" + server.metricsPort().getAsInt() + "/metrics"
                            : "");
            out.flush();
            if (portPath != null) {
                writePortFile(portPath, server.port());
            }
            server.awaitTermination();
        } catch (InterruptedException e) {
            out.println("interrupted: shutting down");
            out.flush();
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it closes the server
            }
        }
        return 0;
    }

    /**
     * The models folder, from the flag, the file or the default {@code models}; one given by flag or file must exist:
     * a typo would otherwise serve nothing from a new folder.
     */
    private Path modelsDir(ServerConfigFile file) {
        Path givenModels = file.path("models-dir", modelsDir, null);
        if (givenModels != null && !Files.isDirectory(givenModels)) {
            throw new IllegalArgumentException("--models-dir " + givenModels + (Files.exists(givenModels)
                    ? " is not a folder" : " does not exist (create it to start without models)"));
        }
        return givenModels != null ? givenModels : Path.of("models");
    }

    /**
     * {@link #settings}; a value it refuses that the flags and defaults alone do not have came from the file, and the
     * refusal says so.
     */
    private ServerSettings settingsNamingTheFile(ServerConfigFile file, Path models, String backend,
                                                 List<String> tokens) {
        try {
            return settings(file, models, backend, tokens);
        } catch (IllegalArgumentException e) {
            if (file.file().isEmpty() || e.getMessage().startsWith("server config ")) {
                throw e;
            }
            try {
                settings(file.withoutSettings(), models, backend, tokens);
            } catch (IllegalArgumentException withoutTheFile) {
                if (e.getMessage().equals(withoutTheFile.getMessage())) {
                    throw e;
                }
            }
            throw new IllegalArgumentException("server config " + file.file().get() + ": " + e.getMessage(), e);
        }
    }

    /** The server's settings from the flags, then the file, then the defaults. */
    private ServerSettings settings(ServerConfigFile file, Path models, String backend, List<String> tokens) {
        Path data = file.path("data-root", dataRoot, Path.of("data"));
        ServerSettings defaults = ServerSettings.defaults(models, data);
        Optional<Path> cert = Optional.ofNullable(file.path("tls-cert", tlsCert, null));
        Optional<Path> key = Optional.ofNullable(file.path("tls-key", tlsKey, null));
        if (cert.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException("TLS needs both --tls-cert and --tls-key");
        }
        Limits limits = new Limits(
                file.integer("max-texts", maxTexts, Limits.DEFAULTS.maxTextsPerCall()),
                file.integer("max-text-chars", maxTextChars, Limits.DEFAULTS.maxTextChars()),
                (int) size(file, "max-message-bytes", maxMessageBytes, Limits.DEFAULTS.maxMessageBytes(),
                        Integer.MAX_VALUE),
                size(file, "max-upload-bytes", maxUploadBytes, Limits.DEFAULTS.maxUploadBytes(), Long.MAX_VALUE),
                file.integer("max-training-jobs", maxTrainingJobs, Limits.DEFAULTS.maxTrainingJobs()))
                .withMaxEpochs(file.integer("max-epochs", maxEpochs, Limits.DEFAULTS.maxEpochs()))
                .withUploads(file.integer("max-concurrent-uploads", maxConcurrentUploads,
                                Limits.DEFAULTS.maxConcurrentUploads()),
                        size(file, "max-stored-upload-bytes", maxStoredUploadBytes,
                                Limits.DEFAULTS.maxStoredUploadBytes(), Long.MAX_VALUE),
                        Duration.ofDays(file.integer("upload-retention-days", uploadRetentionDays,
                                (int) Limits.DEFAULTS.uploadRetention().toDays())))
                .withConnections(Duration.ofSeconds(file.integer("handshake-timeout", handshakeTimeout,
                                (int) Limits.DEFAULTS.handshakeTimeout().toSeconds())),
                        Duration.ofSeconds(file.integer("max-connection-idle", maxConnectionIdle,
                                (int) Limits.DEFAULTS.maxConnectionIdle().toSeconds())),
                        file.integer("max-connections", maxConnections, Limits.DEFAULTS.maxConnections()))
                .withUploadIdle(Duration.ofSeconds(file.integer("upload-idle-timeout", uploadIdleTimeout,
                        (int) Limits.DEFAULTS.uploadIdle().toSeconds())));
        return new ServerSettings(
                file.string("host", host, defaults.host()),
                file.integer("port", port, defaults.port()),
                models, data,
                Optional.ofNullable(file.string("default-model", defaultModel, null)),
                backend,
                tokens,
                cert.map(c -> new ServerSettings.Tls(c, key.orElseThrow())),
                limits,
                file.integer("classify-threads", classifyThreads, defaults.classifyThreads()),
                Duration.ofSeconds(file.integer("shutdown-grace", shutdownGrace,
                        (int) defaults.shutdownGrace().toSeconds())),
                repository(file, defaults.repository()),
                new ServerSettings.Observability(
                        file.integer("metrics-port", metricsPort, defaults.observability().metricsPort()),
                        file.string("call-log", callLog, defaults.observability().callLog())));
    }

    private ServerSettings.Repository repository(ServerConfigFile file, ServerSettings.Repository defaults) {
        String policy = file.string("version-policy", versionPolicy, null);
        String memory = file.string("max-model-memory", maxModelMemory, null);
        String poll = file.string("poll-interval", pollInterval == null ? null : pollInterval.toString(), null);
        Duration every = defaults.pollInterval();
        if (poll != null) {
            try {
                every = Duration.ofMillis(Math.round(Double.parseDouble(poll) * 1000));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("poll-interval must be a number of seconds, was '" + poll + "'");
            }
        }
        return new ServerSettings.Repository(
                policy == null ? defaults.policy() : VersionPolicy.parse(policy),
                memory == null ? defaults.maxModelBytes() : parseSize("max-model-memory", memory),
                every);
    }

    /** A size setting from the flag, else the file, else {@code fallback}; at most {@code most} bytes. */
    private static long size(ServerConfigFile file, String key, String flag, long fallback, long most) {
        String text = file.string(key, flag, null);
        if (text == null) {
            return fallback;
        }
        long bytes = parseSize(key, text);
        if (bytes > most) {
            throw new IllegalArgumentException(key + " must be at most " + most + " bytes, was '" + text + "'");
        }
        return bytes;
    }

    /** {@code 1048576}, {@code 512k}, {@code 64m}, {@code 2g} (powers of 1024) as bytes. */
    static long parseSize(String option, String text) {
        String value = text.strip().toLowerCase(java.util.Locale.ROOT);
        long unit = 1;
        if (!value.isEmpty() && "kmg".indexOf(value.charAt(value.length() - 1)) >= 0) {
            unit = 1L << (10 * ("kmg".indexOf(value.charAt(value.length() - 1)) + 1));
            value = value.substring(0, value.length() - 1);
        }
        try {
            long number = Long.parseLong(value);
            if (number > 0 && number <= Long.MAX_VALUE / unit) {
                return number * unit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a positive size such as 1048576, 512m or 2g, was '"
                + text + "'");
    }

    /**
     * The tokens of a token file, one per line: what comes before a {@code #} (a comment to the end of the line; a
     * bearer token has no {@code #}), blank lines left out.
     *
     * @throws InvalidOptionException (exit 2) when the file is not there, is no file, holds no token, or a line holds
     *                                a space inside its token, as for any settings file
     */
    static List<String> readTokens(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidOptionException("cannot read token file " + file + ": "
                    + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read token file " + file + ": " + AtomicFiles.reason(e, file), e);
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = SettingsText.withoutByteOrderMark(lines.get(i));
            int comment = line.indexOf('#');
            String token = (comment < 0 ? line : line.substring(0, comment)).strip();
            if (token.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidOptionException("token file " + file + " line " + (i + 1) + ": a bearer token is one "
                        + "word, this line holds several ('#' starts a comment)");
            }
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        if (tokens.isEmpty()) {
            throw new InvalidOptionException("token file " + file + " holds no token");
        }
        return tokens;
    }

    private static String describe(TextclfServer server) {
        Map<String, List<Long>> versions = server.registry().versions();
        if (versions.isEmpty()) {
            return "no models yet";
        }
        return versions.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", "models ", ""));
    }

    private static void writePortFile(Path portFile, int bound) {
        try {
            AtomicFiles.replace(portFile,
                    temporary -> Files.writeString(temporary, bound + "\n", StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write port file " + portFile + ": "
                    + AtomicFiles.reason(e, portFile), e);
        }
    }
}
