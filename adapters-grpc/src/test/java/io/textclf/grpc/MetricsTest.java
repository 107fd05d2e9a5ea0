package io.textclf.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.textclf.proto.oip.GRPCInferenceServiceGrpc;
import io.textclf.proto.v1.ClassificationServiceGrpc;
import io.textclf.proto.v1.ClassifyRequest;
import io.textclf.proto.v1.ModelSpec;
import io.textclf.proto.v1.TrainEvent;
import io.textclf.proto.v1.TrainRequest;
import io.textclf.proto.v1.TrainingParameters;
import io.textclf.proto.v1.TrainingServiceGrpc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus endpoint counts calls by method, model, version and status (a Train call's version: the one it made),
 * and times them.
 */
class MetricsTest {

    @TempDir
    Path folder;

    @Test
    void callsTextsAndLatenciesShowOnMetrics() throws Exception {
        Path models = folder.resolve("models");
        Fixtures.install(Fixtures.oneEpochModel(), models, "news", 1);
        Fixtures.copyDataset(Fixtures.AG_NEWS_MINI, folder.resolve("data/ag_news_mini"));
        Path bad = Files.createDirectories(folder.resolve("data/bad"));
        Files.writeString(bad.resolve("classes.txt"), "a\nb\n");
        Files.writeString(bad.resolve("train.csv"), "\"1\",\"x\",\"y\"\n\"7\",\"x\",\"y\"\n");
        ServerSettings settings = InProcess.settings(models, folder.resolve("data")).withHost("127.0.0.1").withPort(0)
                .withObservability(new ServerSettings.Observability(0, "json"));
        try (TextclfServer server = TextclfServer.start(settings, Fixtures.components())) {
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext()
                    .build();
            try {
                for (int i = 0; i < 3; i++) {
                    ClassificationServiceGrpc.newBlockingStub(channel).classify(ClassifyRequest.newBuilder()
                            .addAllTexts(Fixtures.NEWS).build());
                }
                GRPCInferenceServiceGrpc.newBlockingStub(channel)
                        .modelInfer(OpenInferenceTest.infer("news", "1", Fixtures.NEWS.subList(0, 2)));
                assertThrows(StatusRuntimeException.class, () -> ClassificationServiceGrpc.newBlockingStub(channel)
                        .classify(ClassifyRequest.newBuilder().setModelSpec(ModelSpec.newBuilder().setName("nope"))
                                .addTexts("x").build()));
                TrainingServiceGrpc.newBlockingStub(channel).train(TrainRequest.newBuilder().setModelName("news")
                        .setServerPath("ag_news_mini").setParameters(TrainingParameters.newBuilder().setEpochs(1))
                        .build()).forEachRemaining(event -> { });
                for (int i = 0; i < 2; i++) {
                    Iterator<TrainEvent> failing = TrainingServiceGrpc.newBlockingStub(channel).train(TrainRequest
                            .newBuilder().setModelName("junk" + i).setServerPath("bad").build());
                    StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                            () -> failing.forEachRemaining(event -> { }));
                    assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode(), refused.getMessage());
                }
                for (int i = 0; i < 3; i++) {
                    String made = "made.up" + i + "/Method";
                    StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
                            () -> ClientCalls.blockingUnaryCall(channel, RawMethods.named(made), CallOptions.DEFAULT,
                                    new byte[0]));
                    assertEquals(Status.Code.UNIMPLEMENTED, unknown.getStatus().getCode());
                }
            } finally {
                channel.shutdownNow();
            }
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.metricsPort().getAsInt() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            String classify = "rpc=\"textclf.v1.ClassificationService/Classify\"";
            for (String line : new String[] {
                "textclf_calls_total{model=\"news\"," + classify + ",status=\"OK\",version=\"1\"} 3.0",
                "textclf_calls_total{model=\"\"," + classify + ",status=\"NOT_FOUND\",version=\"\"} 1.0",
                "textclf_calls_total{model=\"news\",rpc=\"inference.GRPCInferenceService/ModelInfer\",status=\"OK\","
                        + "version=\"1\"} 1.0",
                "textclf_calls_total{model=\"news\",rpc=\"textclf.v1.TrainingService/Train\",status=\"OK\","
                        + "version=\"2\"} 1.0",
                "textclf_call_duration_seconds_count{model=\"news\"," + classify + "} 3",
                "textclf_texts_classified_total{model=\"news\",version=\"1\"} 14.0",
                "textclf_models_loaded 2.0",
                "textclf_calls_total{model=\"\",rpc=\"unknown\",status=\"UNIMPLEMENTED\",version=\"\"} 3.0",
                "jvm_memory_used_bytes{area=\"heap\"}"}) {
                assertTrue(metrics.contains(line), () -> "no '" + line + "' in\n" + metrics);
            }
            assertFalse(metrics.contains("made.up"), "a client's method names are no label values");
            assertFalse(metrics.contains("junk"), "nor the model names of calls that made no model");
            assertTrue(metrics.contains("textclf_calls_total{model=\"\",rpc=\"textclf.v1.TrainingService/Train\","
                    + "status=\"INVALID_ARGUMENT\",version=\"\"} 2.0"), metrics);
            String base = "http://127.0.0.1:" + server.metricsPort().getAsInt();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> index = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, index.statusCode());
            assertTrue(index.body().contains("/metrics"), index.body());
            for (String path : new String[] {"/v2/health/live", "/nope", "/favicon.ico", "/metricsX", "/metrics/x",
                "/-/healthyfoo"}) {
                assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode(), path);
            }
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/-/healthy")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }
}
