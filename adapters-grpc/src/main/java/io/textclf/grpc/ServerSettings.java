package io.textclf.grpc;

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
 */
public record ServerSettings(String host, int port, Path modelsDir, Path dataRoot, Optional<String> defaultModel,
                             String backend, List<String> tokens, Optional<Tls> tls, Limits limits,
                             int classifyThreads, Duration shutdownGrace) {

    /** TensorFlow Serving's gRPC port. */
    public static final int DEFAULT_PORT = 8500;

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(modelsDir, "modelsDir");
        Objects.requireNonNull(dataRoot, "dataRoot");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(limits, "limits");
        tokens = List.copyOf(tokens);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
        }
        if (classifyThreads < 0) {
            throw new IllegalArgumentException("classify threads must be 0 or more, was " + classifyThreads);
        }
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdown grace must not be negative, was " + shutdownGrace);
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
                Duration.ofSeconds(30));
    }

    public ServerSettings withPort(int value) {
        return new ServerSettings(host, value, modelsDir, dataRoot, defaultModel, backend, tokens, tls, limits,
                classifyThreads, shutdownGrace);
    }

    public ServerSettings withHost(String value) {
        return new ServerSettings(value, port, modelsDir, dataRoot, defaultModel, backend, tokens, tls, limits,
                classifyThreads, shutdownGrace);
    }

    public ServerSettings withTokens(List<String> value) {
        return new ServerSettings(host, port, modelsDir, dataRoot, defaultModel, backend, value, tls, limits,
                classifyThreads, shutdownGrace);
    }

    public ServerSettings withTls(Optional<Tls> value) {
        return new ServerSettings(host, port, modelsDir, dataRoot, defaultModel, backend, tokens, value, limits,
                classifyThreads, shutdownGrace);
    }

    public ServerSettings withLimits(Limits value) {
        return new ServerSettings(host, port, modelsDir, dataRoot, defaultModel, backend, tokens, tls, value,
                classifyThreads, shutdownGrace);
    }

    public ServerSettings withDefaultModel(Optional<String> value) {
        return new ServerSettings(host, port, modelsDir, dataRoot, value, backend, tokens, tls, limits,
                classifyThreads, shutdownGrace);
    }

    public ServerSettings withClassifyThreads(int value) {
        return new ServerSettings(host, port, modelsDir, dataRoot, defaultModel, backend, tokens, tls, limits,
                value, shutdownGrace);
    }

    public ServerSettings withShutdownGrace(Duration value) {
        return new ServerSettings(host, port, modelsDir, dataRoot, defaultModel, backend, tokens, tls, limits,
                classifyThreads, value);
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
