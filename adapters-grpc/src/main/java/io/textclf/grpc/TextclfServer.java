package io.textclf.grpc;

import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.textclf.application.serve.DataRoot;
import io.textclf.application.serve.DatasetUploads;
import io.textclf.application.serve.ModelRegistry;
import io.textclf.application.serve.RegistrySettings;
import io.textclf.application.serve.ServerDatasets;
import io.textclf.modelformat.StaleParts;
import io.textclf.proto.oip.GRPCInferenceServiceGrpc;
import io.textclf.proto.v1.ClassificationServiceGrpc;
import io.textclf.proto.v1.ModelServiceGrpc;
import io.textclf.proto.v1.TrainingServiceGrpc;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The textclf gRPC server: classification, training, uploads and model metadata ({@code textclf.v1}),
 * the Open Inference Protocol ({@code inference.GRPCInferenceService}) on the same port, the
 * standard health service (open without a token) and server reflection. Every call is counted in
 * the {@link ServerMetrics} (served over HTTP at {@code /metrics} when a metrics port is set) and
 * written to the {@link CallLog}. The models directory is polled, so versions added or removed on
 * disk are served or unloaded without a restart.
 *
 * <p>Classify runs on network threads and executor threads of its own, so it never waits behind
 * other calls, and training jobs run on threads of their own (see {@link TrainingJobs}). {@link #close()} shuts down
 * gracefully: health reports {@code NOT_SERVING} and ends its {@code Watch} streams with {@code UNAVAILABLE}, running
 * training jobs are cancelled (their
 * callers get a {@code failed} event and {@code UNAVAILABLE}), calls in flight may finish within the
 * grace period, then the models are freed.
 */
public final class TextclfServer implements AutoCloseable {

    /** The health service name that reports readiness: SERVING while at least one model is served. */
    public static final String READY_SERVICE = ClassificationServiceGrpc.SERVICE_NAME;

    private static final System.Logger LOG = System.getLogger(TextclfServer.class.getName());

    private final Server server;
    private final ModelRegistry registry;
    private final TrainingJobs jobs;
    private final HealthStatusManager health;
    private final HealthWatches healthWatches;
    private final ExecutorService callExecutor;
    private final ExecutorService classifyExecutor;
    private final Duration grace;
    private final List<EventLoopGroup> eventLoops;
    private final ExecutorService poller;
    private final Optional<MetricsEndpoint> exporter;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TextclfServer(Server server, ModelRegistry registry, TrainingJobs jobs, HealthStatusManager health,
                          HealthWatches healthWatches, ExecutorService callExecutor, ExecutorService classifyExecutor, Duration grace,
                          ExecutorService poller, Optional<MetricsEndpoint> exporter, List<EventLoopGroup> eventLoops) {
        this.poller = poller;
        this.exporter = exporter;
        this.eventLoops = eventLoops;
        this.server = server;
        this.registry = registry;
        this.jobs = jobs;
        this.health = health;
        this.healthWatches = healthWatches;
        this.callExecutor = callExecutor;
        this.classifyExecutor = classifyExecutor;
        this.grace = grace;
    }

    /**
     * Calls a connection may have open at once (HTTP/2's {@code SETTINGS_MAX_CONCURRENT_STREAMS}; its recommended
     * floor): without a bound, one connection's many half-sent messages, each buffered, would take the server's memory.
     */
    static final int STREAMS_PER_CONNECTION = 100;

    /**
     * Loads the models and starts listening on {@code settings.host():settings.port()} (HTTP/2, TLS
     * when configured).
     *
     * @throws IOException when the port cannot be bound
     */
    public static TextclfServer start(ServerSettings settings, ServerComponents components) throws IOException {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(
                new InetSocketAddress(settings.host(), settings.port()));
        settings.tls().ifPresent(TlsMaterial::check);
        settings.tls().ifPresent(tls -> builder.useTransportSecurity(tls.certificateChain().toFile(),
                tls.privateKey().toFile()));
        Limits limits = settings.limits();
        EventLoopGroup accept = new NioEventLoopGroup(1, daemonThreads("textclf-accept"));
        EventLoopGroup network = new NioEventLoopGroup(0, daemonThreads("textclf-network"));
        builder.channelFactory(() -> new CappedServerChannel(limits.maxConnections()))
                .bossEventLoopGroup(accept)
                .workerEventLoopGroup(network)
                .handshakeTimeout(limits.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .maxConnectionIdle(limits.maxConnectionIdle().toMillis(), TimeUnit.MILLISECONDS)
                .maxConcurrentCallsPerConnection(STREAMS_PER_CONNECTION);
        try {
            return start(builder, settings, components, List.of(accept, network));
        } catch (IOException | RuntimeException e) {
            accept.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            network.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Starts the services on a server builder the caller chose (in-process in tests). */
    static TextclfServer start(ServerBuilder<?> builder, ServerSettings settings, ServerComponents components)
            throws IOException {
        return start(builder, settings, components, List.of());
    }

    private static TextclfServer start(ServerBuilder<?> builder, ServerSettings settings, ServerComponents components,
                                       List<EventLoopGroup> eventLoops) throws IOException {
        Limits limits = settings.limits();
        for (Path stale : StaleParts.remove(settings.modelsDir(), StaleParts.GRACE)) {
            LOG.log(System.Logger.Level.INFO, "removed " + stale + ", left by a write that was killed");
        }
        ServerSettings.Repository repository = settings.repository();
        ServerMetrics metrics = new ServerMetrics();
        ModelRegistry registry = ModelRegistry.open(settings.modelsDir(), components.loader(),
                new RegistrySettings(settings.backend(), settings.defaultModel(), repository.policy(),
                        repository.maxModelBytes(), metrics));
        settings.defaultModel().filter(name -> !registry.versions().containsKey(name)).ifPresent(name ->
                LOG.log(System.Logger.Level.WARNING, "the default model '" + name + "' is not in " + settings.modelsDir()
                        + (registry.versions().isEmpty() ? " (no models yet)"
                                : " (models: " + String.join(", ", registry.versions().keySet()) + ")")
                        + ": calls that name no "
                        + "model get NOT_FOUND until a version of it is there"));
        ExecutorService callExecutor = null;
        ExecutorService classifyExecutor = null;
        ScheduledExecutorService poller = null;
        MetricsEndpoint exporter = null;
        Server server = null;
        TrainingJobs jobs = null;
        try {
            DataRoot root = new DataRoot(settings.dataRoot());
            DatasetUploads uploads = new DatasetUploads(root, components.datasets(), limits.maxUploadBytes(),
                    limits.maxConcurrentUploads(), limits.maxStoredUploadBytes(), limits.uploadRetention());
            uploads.removeAbandoned();
            ServerDatasets datasets = new ServerDatasets(root, components.datasets(), uploads);
            ErrorStatuses errors = new ErrorStatuses(List.of(registry.modelsDir(), root.root(),
                    settings.dataRoot().toAbsolutePath().normalize()));
            HealthStatusManager health = new HealthStatusManager();
            jobs = new TrainingJobs(limits.maxTrainingJobs(), metrics::trainingJobFinished);
            metrics.watch(jobs::running, registry);
            Runnable updateReadiness = () -> health.setStatus(READY_SERVICE,
                    registry.hasModels() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);

            if (settings.classifyThreads() > 0) {
                classifyExecutor = Executors.newFixedThreadPool(settings.classifyThreads(),
                        daemonThreads("textclf-classify"));
            }
            List<BindableService> services = List.of(
                    new ClassificationService(registry, limits, errors, Optional.ofNullable(classifyExecutor)),
                    new TrainingService(components.training(), registry, datasets, uploads, jobs,
                            components.backends(), settings.backend(), errors, updateReadiness,
                            limits.maxEpochs(), limits.uploadIdle()),
                    new ModelService(registry, errors),
                    new OpenInferenceService(registry, limits, errors),
                    ProtoReflectionServiceV1.newInstance(),
                    reflectionV1Alpha());
            List<ServerServiceDefinition> definitions = new ArrayList<>();
            for (BindableService service : services) {
                definitions.add(MalformedRequests.refusedIn(settings.tokens().isEmpty() ? service.bindService()
                        : ServerInterceptors.intercept(service, new BearerTokenInterceptor(settings.tokens()))));
            }
            HealthWatches healthWatches = new HealthWatches();
            definitions.add(ServerInterceptors.intercept(health.getHealthService(), healthWatches));
            Set<String> methods = new HashSet<>();
            for (ServerServiceDefinition definition : definitions) {
                builder.addService(definition);
                definition.getMethods().forEach(method -> methods.add(method.getMethodDescriptor().getFullMethodName()));
            }
            CallObserver observer = new CallObserver(metrics, CallLog.of(settings.observability().callLog(), System.err),
                    methods);
            builder.intercept(observer);
            builder.addStreamTracerFactory(observer.streams());

            callExecutor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                    daemonThreads("textclf-call"));
            builder.executor(callExecutor)
                    .callExecutor(new ClassifyExecutorSupplier(Runnable::run))
                    .maxInboundMessageSize(limits.maxMessageBytes());
            server = listening("gRPC", settings.host(), settings.port(), () -> builder.build().start());
            int metricsPort = settings.observability().metricsPort();
            if (metricsPort >= 0) {
                exporter = listening("metrics", settings.host(), metricsPort,
                        () -> MetricsEndpoint.start(settings.host(), metricsPort, metrics.registry()));
            }
            if (!repository.pollInterval().isZero()) {
                poller = Executors.newSingleThreadScheduledExecutor(daemonThreads("textclf-models-poll"));
                long every = repository.pollInterval().toMillis();
                poller.scheduleWithFixedDelay(() -> poll(registry, updateReadiness), every, every,
                        TimeUnit.MILLISECONDS);
            }
            for (String name : List.of(ClassificationServiceGrpc.SERVICE_NAME, TrainingServiceGrpc.SERVICE_NAME,
                    ModelServiceGrpc.SERVICE_NAME, GRPCInferenceServiceGrpc.SERVICE_NAME)) {
                health.setStatus(name, ServingStatus.SERVING);
            }
            health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
            updateReadiness.run();
            return new TextclfServer(server, registry, jobs, health, healthWatches, callExecutor, classifyExecutor,
                    settings.shutdownGrace(), poller, Optional.ofNullable(exporter), eventLoops);
        } catch (IOException | RuntimeException e) {
            if (jobs != null) {
                jobs.shutdown("the server failed to start");
            }
            if (server != null) {
                server.shutdownNow();
            }
            if (exporter != null) {
                exporter.close();
            }
            shutdownQuietly(poller);
            shutdownQuietly(callExecutor);
            shutdownQuietly(classifyExecutor);
            registry.close();
            throw e;
        }
    }

    /** The pre-standard reflection service, for tools that know no other (Postman, grpcurl before 1.8.8). */
    @SuppressWarnings("deprecation")
    private static BindableService reflectionV1Alpha() {
        return io.grpc.protobuf.services.ProtoReflectionService.newInstance();
    }

    /** The port listened on (the chosen one when the settings asked for 0); -1 in process. */
    public int port() {
        return server.getPort();
    }

    /** The port of the Prometheus endpoint, if there is one. */
    public OptionalInt metricsPort() {
        return exporter.map(e -> OptionalInt.of(e.port())).orElse(OptionalInt.empty());
    }

    /** One poll of the models directory; a failure (the folder unreadable) is logged and retried next time. */
    private static void poll(ModelRegistry registry, Runnable updateReadiness) {
        try {
            registry.refresh();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "polling the models directory failed: " + e.getMessage());
        }
        updateReadiness.run();
    }

    /** Model versions served, by name. */
    public ModelRegistry registry() {
        return registry;
    }

    /** Training jobs running now. */
    public int runningJobs() {
        return jobs.running();
    }

    /** Blocks until the server has shut down. */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** Graceful shutdown; see the class comment. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        health.enterTerminalState();
        healthWatches.endAll();
        shutdownQuietly(poller);
        jobs.shutdown("the server is shutting down: the training job was cancelled");
        server.shutdown();
        try {
            if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "calls still running after the shutdown grace of "
                        + grace.toSeconds() + " s: cutting them off");
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
            if (!jobs.awaitTermination(grace)) {
                LOG.log(System.Logger.Level.WARNING, "training jobs still running after the shutdown grace");
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            shutdownQuietly(callExecutor);
            shutdownQuietly(classifyExecutor);
            exporter.ifPresent(MetricsEndpoint::close);
            eventLoops.forEach(group -> group.shutdownGracefully(0, 0, TimeUnit.SECONDS));
            registry.close();
        }
    }

    /** Something that starts listening on a port. */
    private interface Listener<T> {
        T start() throws IOException;
    }

    /**
     * Starts {@code listener}; when it cannot listen, the exception says on which address, for what, and why (the
     * transports' own say "Failed to bind to address" or only "Address already in use").
     */
    private static <T> T listening(String what, String host, int port, Listener<T> listener) throws IOException {
        try {
            return listener.start();
        } catch (IOException e) {
            String reason = e.getMessage();
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException && cause.getMessage() != null) {
                    reason = cause.getMessage();
                }
            }
            throw new IOException("cannot listen for " + what + " on " + host + ":" + port + ": " + reason, e);
        }
    }

    private static void shutdownQuietly(ExecutorService executor) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /**
     * Classify calls start on the network thread that read them (see {@link ClassificationService} for
     * where they run); every other call runs on the server's executor.
     */
    private record ClassifyExecutorSupplier(Executor classify) implements ServerCallExecutorSupplier {
        private static final String CLASSIFY = ClassificationServiceGrpc.getClassifyMethod().getFullMethodName();

        @Override
        public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata metadata) {
            return call.getMethodDescriptor().getFullMethodName().equals(CLASSIFY) ? classify : null;
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
