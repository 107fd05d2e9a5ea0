package io.textclf.grpc;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.textclf.application.serve.ModelRegistry;
import io.textclf.application.serve.RegistryListener;
import io.textclf.application.serve.ServedModel;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The server's Prometheus metrics: calls by RPC, model, version and status with latency
 * histograms, texts classified, training jobs, model loads, plus the JVM's memory, GC and threads.
 * Names start with {@code textclf_}; durations are in seconds.
 */
public final class ServerMetrics implements RegistryListener {

    private static final double[] LATENCY_BOUNDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
        0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter calls = Counter.builder().name("textclf_calls")
            .help("Finished gRPC calls by method, model, version and status code")
            .labelNames("rpc", "model", "version", "status").register(registry);
    private final Histogram latency = Histogram.builder().name("textclf_call_duration_seconds")
            .help("Time from a call's start to its close, by method and model")
            .labelNames("rpc", "model").classicOnly().classicUpperBounds(LATENCY_BOUNDS).register(registry);
    private final Counter texts = Counter.builder().name("textclf_texts_classified")
            .help("Texts classified, by model and version").labelNames("model", "version").register(registry);
    private final Counter trainingFinished = Counter.builder().name("textclf_training_jobs_finished")
            .help("Training jobs that ended (completed, failed or cancelled)").register(registry);
    private final Gauge loadSeconds = Gauge.builder().name("textclf_model_load_seconds")
            .help("Time to read, check and place a model version on its backend")
            .labelNames("model", "version").register(registry);
    private final Counter loads = Counter.builder().name("textclf_model_loads")
            .help("Model versions loaded").register(registry);
    private final Counter unloads = Counter.builder().name("textclf_model_unloads")
            .help("Model versions unloaded (file removed or left out by the version policy)").register(registry);
    private final Counter refusals = Counter.builder().name("textclf_model_refusals")
            .help("Attempts to load a version that failed (bad file, memory bound)").register(registry);

    public ServerMetrics() {
        JvmMetrics.builder().register(registry);
    }

    /** Where the exporter reads the metrics. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** Reports the running training jobs and the served models from these sources when scraped. */
    void watch(IntSupplier runningJobs, ModelRegistry models) {
        GaugeWithCallback.builder().name("textclf_training_jobs_running").help("Training jobs running now")
                .callback(callback -> callback.call(runningJobs.getAsInt())).register(registry);
        GaugeWithCallback.builder().name("textclf_models_loaded").help("Model versions served now")
                .callback(callback -> callback.call(models.versions().values().stream().mapToInt(v -> v.size()).sum()))
                .register(registry);
        gauge("textclf_model_memory_bytes", "Estimated memory of the served model versions",
                models::footprintBytes);
        gauge("textclf_model_memory_bound_bytes", "The bound on the served versions' estimated memory",
                () -> models.settings().maxModelBytes());
    }

    void call(String rpc, String model, String version, String status, double seconds, int classified) {
        calls.labelValues(rpc, model, version, status).inc();
        latency.labelValues(rpc, model).observe(seconds);
        if (classified > 0) {
            texts.labelValues(model, version).inc(classified);
        }
    }

    void trainingJobFinished() {
        trainingFinished.inc();
    }

    @Override
    public void loaded(ServedModel model, Duration took) {
        loads.inc();
        loadSeconds.labelValues(model.name(), Long.toString(model.version())).set(took.toNanos() / 1e9);
    }

    @Override
    public void unloaded(ServedModel model, String reason) {
        unloads.inc();
        loadSeconds.remove(model.name(), Long.toString(model.version()));
    }

    @Override
    public void refused(String name, long version, String reason) {
        refusals.inc();
    }

    private void gauge(String name, String help, LongSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(callback -> callback.call(value.getAsLong()))
                .register(registry);
    }
}
