package io.textclf.grpc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.HealthyHandler;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The metrics port: {@code /metrics} in Prometheus' formats, {@code /-/healthy}, an index at {@code /}, and 404 for
 * every other path (the JDK's server would match {@code /metricsX} or {@code /metrics/x} by prefix).
 */
final class MetricsEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Serves {@code registry} on {@code host:port} (0: any free port) until {@link #close()}. */
    static MetricsEndpoint start(String host, int port, PrometheusRegistry registry) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        Map<String, HttpHandler> handlers = Map.of("/metrics", new MetricsHandler(registry),
                "/-/healthy", new HealthyHandler(), "/", MetricsEndpoint::index);
        server.createContext("/", exchange -> handlers.getOrDefault(exchange.getRequestURI().getPath(),
                MetricsEndpoint::notFound).handle(exchange));
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "textclf-metrics");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new MetricsEndpoint(server, executor);
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void index(HttpExchange exchange) throws IOException {
        respond(exchange, 200, "textclf metrics: GET /metrics (Prometheus text format), /-/healthy\n");
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        respond(exchange, 404, "not found: this port serves /metrics and /-/healthy\n");
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
