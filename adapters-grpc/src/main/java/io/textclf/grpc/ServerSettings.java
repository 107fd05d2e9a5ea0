package io.textclf.grpc;

import io.textclf.application.serve.ModelRegistry;
import io.textclf.application.serve.VersionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the server.
 *
 * @param host            address to listen on ({@code 0.0.0.0}: every interface)
 * @param port            TCP port; 0 picks a free one
 * @param modelsDir       models served, as {@code <name>/<version>.textclf}; new versions are written here
 * @param dataRoot        the only folder clients may name datasets in; uploads are stored here
 * @param defaultModel    the model that answers calls that name none
 * @param backend         compute backend that serves models and trains when a request names none
 * @param tokens          accepted bearer tokens; empty: no authentication
 * @param tls             certificate chain and private key (PEM); empty: plaintext
 * @param limits          per-call limits
 * @param classifyThreads threads for Classify calls too large to answer on the network thread; 0: answer
 *                        every call there
 * @param shutdownGrace   how long a shutdown waits for calls in flight before cutting them off
 * @param repository      which versions are served, their memory bound, how often the folder is polled
 * @param observability   the metrics endpoint and the call log
 */
public record ServerSettings(String host, int port, Path modelsDir, Path dataRoot, Optional<String> defaultModel,
                             String backend, List<String> tokens, Optional<Tls> tls, Limits limits,
                             int classifyThreads, Duration shutdownGrace, Repository repository,
                             Observability observability) {

    /** TensorFlow Serving's gRPC port. */
    public static final int DEFAULT_PORT = 8500;

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(modelsDir, "modelsDir");
        Objects.requireNonNull(dataRoot, "dataRoot");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(observability, "observability");
        tokens = List.copyOf(tokens);
        if (host.isBlank()) {
            throw new IllegalArgumentException("the host to listen on must not be empty (0.0.0.0: every interface)");
        }
        defaultModel.ifPresent(name -> {
            try {
                ModelRegistry.checkName(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("default model: " + e.getMessage(), e);
            }
        });
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
        }
        if (classifyThreads < 0) {
            throw new IllegalArgumentException("classify threads must be 0 or more, was " + classifyThreads);
        }
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdown grace must not be negative, was " + DurationText.of(shutdownGrace));
        }
        for (String token : tokens) {
            if (token.isBlank() || !token.strip().equals(token)) {
                throw new IllegalArgumentException("bearer tokens must be non-empty without surrounding spaces");
            }
        }
    }

    /** Defaults for everything but the folders: every interface, port 8500, the reference backend. */
    public static ServerSettings defaults(Path modelsDir, Path dataRoot) {
        return new ServerSettings("0.0.0.0", DEFAULT_PORT, modelsDir, dataRoot, Optional.empty(), "reference",
                List.of(), Optional.empty(), Limits.DEFAULTS, Runtime.getRuntime().availableProcessors(),
                Duration.ofSeconds(30), Repository.DEFAULTS, Observability.DEFAULTS);
    }

    public ServerSettings withPort(int value) {
        return new ServerSettings(host, value, modelsDir, dataRoot, defaultModel, backend, tokens, tls, limits,
                classifyThreads, shutdownGrace, repository, observability);
    }

    public ServerSettings withHost(String value) {
        return new ServerSettings(value, port, modelsDir, dataRoot, defaultModel, backend, tokens, tls, limits,
                classifyThreads, shutdownGrace, repository, observability);
    }

    public ServerSettings withBackend(String value) {
        return new ServerSettings(host, port, modelsDir, dataRoot, defaultModel, value, tokens, tls, limits,
                classifyThreads, shutdownGrace, repository, observability);
    }

    public ServerSettings withTokens(List<String> value) {
        return new ServerSettings(host, port, modelsDir, dataRoot, defaultModel, backend, value, tls, limits,
                classifyThreads, shutdownGrace, repository, observability);
    }

    public ServerSettings withTls(Optional<Tls> value) {
        return new ServerSettings(host, port, modelsDir, dataRoot, defaultModel, backend, tokens, value, limits,
                classifyThreads, shutdownGrace, repository, observability);
    }

    public ServerSettings withLimits(Limits value) {
        return new ServerSettings(host, port, modelsDir, dataRoot, defaultModel, backend, tokens, tls, value,
                classifyThreads, shutdownGrace, repository, observability);
    }

    public ServerSettings withDefaultModel(Optional<String> value) {
        return new ServerSettings(host, port, modelsDir, dataRoot, value, backend, tokens, tls, limits,
                classifyThreads, shutdownGrace, repository, observability);
    }

    public ServerSettings withClassifyThreads(int value) {
        return new ServerSettings(host, port, modelsDir, dataRoot, defaultModel, backend, tokens, tls, limits,
                value, shutdownGrace, repository, observability);
    }

    public ServerSettings withShutdownGrace(Duration value) {
        return new ServerSettings(host, port, modelsDir, dataRoot, defaultModel, backend, tokens, tls, limits,
                classifyThreads, value, repository, observability);
    }

    public ServerSettings withRepository(Repository value) {
        return new ServerSettings(host, port, modelsDir, dataRoot, defaultModel, backend, tokens, tls, limits,
                classifyThreads, shutdownGrace, value, observability);
    }

    public ServerSettings withObservability(Observability value) {
        return new ServerSettings(host, port, modelsDir, dataRoot, defaultModel, backend, tokens, tls, limits,
                classifyThreads, shutdownGrace, repository, value);
    }

    /**
     * How the models directory is served.
     *
     * @param policy        which versions on disk are served
     * @param maxModelBytes bound on the estimated memory of the served versions; {@link Long#MAX_VALUE}: none
     * @param pollInterval  how often the folder is read for added and removed versions; zero: never
     */
    public record Repository(VersionPolicy policy, long maxModelBytes, Duration pollInterval) {

        /** The 2 newest versions of each model, half the heap, polled every 5 s. */
        public static final Repository DEFAULTS = new Repository(new VersionPolicy.Latest(2),
                Runtime.getRuntime().maxMemory() / 2, Duration.ofSeconds(5));

        public Repository {
            Objects.requireNonNull(policy, "policy");
            if (maxModelBytes < 1) {
                throw new IllegalArgumentException("the model memory bound must be positive, was " + maxModelBytes);
            }
            if (pollInterval.isNegative()) {
                throw new IllegalArgumentException("the poll interval must not be negative, was " + DurationText.of(pollInterval));
            }
        }
    }

    /**
     * What the server reports about itself.
     *
     * @param metricsPort port of the Prometheus endpoint ({@code /metrics}) on the server's host; 0 picks
     *                    a free one, -1: no endpoint
     * @param callLog     one line per call: {@code text}, {@code json} or {@code off}
     */
    public record Observability(int metricsPort, String callLog) {

        /** No metrics endpoint, calls logged as text. */
        public static final Observability DEFAULTS = new Observability(-1, "text");

        public Observability {
            if (metricsPort < -1 || metricsPort > 65_535) {
                throw new IllegalArgumentException("metrics port must be in [0, 65535] or -1 (none), was "
                        + metricsPort);
            }
            if (!CallLog.FORMATS.contains(callLog)) {
                throw new IllegalArgumentException("call log format '" + callLog + "' is not one of text, json, off");
            }
        }
    }

    /**
     * TLS material, both PEM files.
     *
     * @param certificateChain the server's certificate chain
     * @param privateKey       its PKCS#8 private key
     */
    public record Tls(Path certificateChain, Path privateKey) {
    }
}
