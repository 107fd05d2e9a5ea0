package io.textclf.grpc;

import static io.textclf.grpc.Statuses.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.textclf.proto.v1.ClassificationServiceGrpc;
import io.textclf.proto.v1.ClassifyResponse;
import io.textclf.proto.v1.ListModelsRequest;
import io.textclf.proto.v1.ModelServiceGrpc;
import io.textclf.proto.v1.ModelSpec;
import io.textclf.proto.v1.TrainEvent;
import io.textclf.proto.v1.TrainRequest;
import io.textclf.proto.v1.TrainingParameters;
import io.textclf.proto.v1.TrainingServiceGrpc;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server on a real loopback port. */
class NetworkTest {

    @TempDir
    Path folder;

    private TextclfServer server;
    private ManagedChannel channel;

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void trainsOverTheNetworkInOrderThenServesTheNewModel() throws Exception {
        Path data = folder.resolve("data");
        Fixtures.copyDataset(Fixtures.AG_NEWS_MINI, data.resolve("ag_news_mini"));
        start(settings(folder.resolve("models"), data), Optional.empty());
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
        HealthCheckRequest ready = HealthCheckRequest.newBuilder().setService(TextclfServer.READY_SERVICE).build();
        assertEquals(ServingStatus.NOT_SERVING, health.check(ready).getStatus());

        List<TrainEvent> events = new ArrayList<>();
        TrainingServiceGrpc.newBlockingStub(channel).train(TrainRequest.newBuilder().setModelName("news")
                .setServerPath("ag_news_mini").setProgressIntervalMs(100)
                .setParameters(TrainingParameters.newBuilder().setEpochs(2)).build()).forEachRemaining(events::add);

        TrainEvent first = events.get(0);
        assertEquals(ModelSpec.newBuilder().setName("news").setVersion(1).build(), first.getStarted().getModelSpec());
        assertEquals(2, first.getStarted().getSettings().getEpochs());
        assertEquals(5.0, first.getStarted().getSettings().getLearningRate());
        assertEquals(64, first.getStarted().getSettings().getBatchSize());
        assertEquals("reference", first.getStarted().getBackend());
        List<Integer> epochEnds = new ArrayList<>();
        int epoch = 1;
        for (TrainEvent event : events.subList(1, events.size() - 1)) {
            switch (event.getEventCase()) {
                case PROGRESS -> {
                    assertEquals(epoch, event.getProgress().getEpoch(), event::toString);
                    assertEquals(2, event.getProgress().getEpochs());
                }
                case EPOCH_END -> {
                    assertEquals(epoch, event.getEpochEnd().getEpoch());
                    epochEnds.add(epoch++);
                }
                default -> throw new AssertionError("unexpected event in the middle: " + event);
            }
        }
        assertEquals(List.of(1, 2), epochEnds);
        TrainEvent last = events.get(events.size() - 1);
        assertEquals(ModelSpec.newBuilder().setName("news").setVersion(1).build(),
                last.getCompleted().getModelSpec());
        assertEquals(1600, last.getCompleted().getMetrics().getTestExamples());
        assertTrue(last.getCompleted().getMetrics().getTestAccuracy() > 0.6, last::toString);

        assertEquals(ServingStatus.SERVING, health.check(ready).getStatus());
        assertEquals(List.of(1L), ModelServiceGrpc.newBlockingStub(channel)
                .listModels(ListModelsRequest.getDefaultInstance()).getModels(0).getVersionsList());
        ClassifyResponse response = ClassificationServiceGrpc.newBlockingStub(channel)
                .classify(ClassifyTest.request(Fixtures.NEWS, 3));
        assertEquals(ModelSpec.newBuilder().setName("news").setVersion(1).build(), response.getModelSpec());
        ClassifyTest.assertSame(ClassifyTest.expected(folder.resolve("models/news/1.textclf"), Fixtures.NEWS, 3),
                response);
    }

    @Test
    void aPassedDeadlineIsCountedAsSuch() throws Exception {
        Fixtures.copyDataset(Fixtures.AG_NEWS_MINI, folder.resolve("data/ag_news_mini"));
        start(settings(folder.resolve("models"), folder.resolve("data"))
                .withObservability(new ServerSettings.Observability(0, "off")), Optional.empty());
        assertFails(Status.Code.DEADLINE_EXCEEDED, "", () -> TrainingServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(1500, TimeUnit.MILLISECONDS).train(TrainRequest.newBuilder().setModelName("news")
                        .setServerPath("ag_news_mini").setParameters(TrainingParameters.newBuilder().setEpochs(1000))
                        .build()).forEachRemaining(event -> { }));
        String train = "rpc=\"textclf.v1.TrainingService/Train\",status=\"";
        String metrics = metricsOnceThey(contain -> contain.contains(train));
        assertTrue(metrics.contains(train + "DEADLINE_EXCEEDED\""), metrics);
        assertFalse(metrics.contains(train + "CANCELLED\""), metrics);
    }

    @Test
    void messagesOverTheLimitAreRefusedAndCounted() throws Exception {
        Fixtures.install(Fixtures.oneEpochModel(), folder.resolve("models"), "news", 1);
        start(settings(folder.resolve("models"), folder.resolve("data"))
                .withLimits(new Limits(1024, 100_000, 64 << 10, 1 << 20, 1))
                .withObservability(new ServerSettings.Observability(0, "off")), Optional.empty());
        assertFails(Status.Code.RESOURCE_EXHAUSTED, "exceeds maximum size", () -> ClassificationServiceGrpc
                .newBlockingStub(channel).classify(ClassifyTest.request(List.of("word ".repeat(20_000)), 1)));
        assertEquals(1, ClassificationServiceGrpc.newBlockingStub(channel)
                .classify(ClassifyTest.request(List.of("word ".repeat(1_000)), 1)).getResultsCount());
        String refused = "textclf_calls_total{model=\"\",rpc=\"textclf.v1.ClassificationService/Classify\","
                + "status=\"RESOURCE_EXHAUSTED\",version=\"\"} 1.0";
        String metrics = metricsOnceThey(contain -> contain.contains(refused));
        assertTrue(metrics.contains(refused), "a call gRPC refused while reading it is counted:\n" + metrics);
        assertTrue(metrics.contains("textclf_calls_total{model=\"news\",rpc=\"textclf.v1.ClassificationService/"
                + "Classify\",status=\"OK\",version=\"1\"} 1.0"), "and the call that passed, once:\n" + metrics);
    }

    @Test
    void servesOverTls() throws Exception {
        Fixtures.install(Fixtures.oneEpochModel(), folder.resolve("models"), "news", 1);
        Path cert = resource("tls/server.pem");
        start(settings(folder.resolve("models"), folder.resolve("data"))
                .withTls(Optional.of(new ServerSettings.Tls(cert, resource("tls/server.key")))), Optional.of(cert));
        assertEquals(4, ClassificationServiceGrpc.newBlockingStub(channel)
                .classify(ClassifyTest.request(Fixtures.NEWS, 1)).getResultsCount());
        ManagedChannel plaintext = ClientChannels.open("127.0.0.1:" + server.port(), Optional.empty(),
                Optional.empty());
        try {
            assertFails(Status.Code.UNAVAILABLE, "", () -> ClassificationServiceGrpc.newBlockingStub(plaintext)
                    .withDeadlineAfter(5, TimeUnit.SECONDS).classify(ClassifyTest.request(Fixtures.NEWS, 1)));
        } finally {
            plaintext.shutdownNow();
        }
    }

    @Test
    void shutdownEndsTheHealthWatchesInsteadOfWaitingForThemThroughItsGrace() throws Exception {
        Fixtures.install(Fixtures.oneEpochModel(), folder.resolve("models"), "news", 1);
        start(settings(folder.resolve("models"), folder.resolve("data")), Optional.empty());
        List<ServingStatus> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<Status> ended = new java.util.concurrent.CompletableFuture<>();
        HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(),
                new io.grpc.stub.StreamObserver<>() {
                    @Override
                    public void onNext(io.grpc.health.v1.HealthCheckResponse response) {
                        seen.add(response.getStatus());
                    }

                    @Override
                    public void onError(Throwable error) {
                        ended.complete(Status.fromThrowable(error));
                    }

                    @Override
                    public void onCompleted() {
                        ended.complete(Status.OK);
                    }
                });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of(ServingStatus.SERVING), seen);

        long started = System.nanoTime();
        server.close();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        server = null;
        assertTrue(tookMillis < 5_000, "the shutdown waited " + tookMillis + " ms (grace 10 s)");
        Status status = ended.get(5, TimeUnit.SECONDS);
        assertEquals(Status.Code.UNAVAILABLE, status.getCode(), status::toString);
        assertEquals("the server is shutting down", status.getDescription());
        assertEquals(List.of(ServingStatus.SERVING, ServingStatus.NOT_SERVING), seen);
    }

    private static ServerSettings settings(Path models, Path data) {
        return ServerSettings.defaults(models, data).withHost("127.0.0.1").withPort(0)
                .withShutdownGrace(java.time.Duration.ofSeconds(10));
    }

    /** The metrics page once it passes {@code test} (a call the transport ends counts a moment later), or at 5 s. */
    private String metricsOnceThey(Predicate<String> test) throws IOException, InterruptedException {
        String metrics = "";
        for (int attempt = 0; attempt < 50 && !test.test(metrics); attempt++) {
            Thread.sleep(attempt == 0 ? 0 : 100);
            metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.metricsPort().getAsInt() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        }
        return metrics;
    }

    private void start(ServerSettings settings, Optional<Path> trusted) throws IOException {
        server = TextclfServer.start(settings, Fixtures.components());
        assertTrue(server.port() > 0);
        channel = ClientChannels.open((trusted.isPresent() ? "localhost:" : "127.0.0.1:") + server.port(), trusted,
                Optional.empty());
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(NetworkTest.class.getClassLoader().getResource(name).toURI());
    }
}
