package io.textclf.grpc;

import static io.textclf.grpc.Statuses.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import io.textclf.proto.v1.ClassificationServiceGrpc;
import io.textclf.proto.v1.ListModelsRequest;
import io.textclf.proto.v1.ModelServiceGrpc;
import io.textclf.proto.v1.TrainRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthenticationTest {

    @TempDir
    Path folder;

    private InProcess server;

    @BeforeEach
    void start() {
        Path models = folder.resolve("models");
        Fixtures.install(Fixtures.oneEpochModel(), models, "news", 1);
        server = InProcess.start(InProcess.settings(models, folder.resolve("data"))
                .withTokens(List.of("first-secret", "second-secret")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void callsWithoutATokenAreUnauthenticated() {
        assertFails(Status.Code.UNAUTHENTICATED, "authorization: Bearer", () -> server.classification()
                .classify(ClassifyTest.request(List.of("x"), 1)));
        assertFails(Status.Code.UNAUTHENTICATED, "authorization: Bearer", () -> server.models()
                .listModels(ListModelsRequest.getDefaultInstance()));
        assertFails(Status.Code.UNAUTHENTICATED, "authorization: Bearer", () -> server.training()
                .train(TrainRequest.newBuilder().setModelName("m").setServerPath("x").build()).hasNext());
    }

    @Test
    void aWrongTokenIsUnauthenticated() {
        assertFails(Status.Code.UNAUTHENTICATED, "not valid", () -> ClassificationServiceGrpc
                .newBlockingStub(server.channel).withInterceptors(ClientChannels.bearer("guess"))
                .classify(ClassifyTest.request(List.of("x"), 1)));
    }

    @Test
    void everyConfiguredTokenIsAccepted() {
        for (String token : List.of("first-secret", "second-secret")) {
            assertEquals(1, ClassificationServiceGrpc.newBlockingStub(server.channel)
                    .withInterceptors(ClientChannels.bearer(token))
                    .classify(ClassifyTest.request(List.of("x"), 1)).getResultsCount());
        }
        assertEquals("news", ModelServiceGrpc.newBlockingStub(server.channel)
                .withInterceptors(ClientChannels.bearer("second-secret"))
                .listModels(ListModelsRequest.getDefaultInstance()).getModels(0).getName());
    }

    @Test
    void healthStaysOpen() {
        assertEquals(ServingStatus.SERVING, server.health().check(HealthCheckRequest.getDefaultInstance()).getStatus());
        assertEquals(ServingStatus.SERVING, server.health().check(HealthCheckRequest.newBuilder()
                .setService(TextclfServer.READY_SERVICE).build()).getStatus());
    }

    @Test
    void reflectionNeedsTheTokenToo() throws Exception {
        assertEquals(Status.Code.UNAUTHENTICATED, listServices(ServerReflectionGrpc.newStub(server.channel))
                .handle((response, error) -> Status.fromThrowable(error).getCode()).get(5, TimeUnit.SECONDS));
        ServerReflectionResponse response = listServices(ServerReflectionGrpc.newStub(server.channel)
                .withInterceptors(ClientChannels.bearer("first-secret"))).get(5, TimeUnit.SECONDS);
        List<String> names = response.getListServicesResponse().getServiceList().stream()
                .map(service -> service.getName()).toList();
        assertEquals(true, names.containsAll(List.of("textclf.v1.ClassificationService",
                "textclf.v1.TrainingService", "textclf.v1.ModelService", "grpc.health.v1.Health")), names::toString);
    }

    @Test
    @SuppressWarnings("deprecation")
    void thePreStandardReflectionAnswersToo() throws Exception {
        CompletableFuture<io.grpc.reflection.v1alpha.ServerReflectionResponse> result = new CompletableFuture<>();
        StreamObserver<io.grpc.reflection.v1alpha.ServerReflectionRequest> requests =
                io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(server.channel)
                        .withInterceptors(ClientChannels.bearer("first-secret"))
                        .serverReflectionInfo(new StreamObserver<>() {
                            @Override
                            public void onNext(io.grpc.reflection.v1alpha.ServerReflectionResponse value) {
                                result.complete(value);
                            }

                            @Override
                            public void onError(Throwable t) {
                                result.completeExceptionally(t);
                            }

                            @Override
                            public void onCompleted() {
                            }
                        });
        requests.onNext(io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder().setListServices("*").build());
        requests.onCompleted();
        List<String> names = result.get(5, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
                .map(service -> service.getName()).toList();
        assertEquals(true, names.contains("textclf.v1.TrainingService"), names::toString);
    }

    private static CompletableFuture<ServerReflectionResponse> listServices(ServerReflectionGrpc.ServerReflectionStub stub) {
        CompletableFuture<ServerReflectionResponse> result = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = stub.serverReflectionInfo(new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionResponse value) {
                result.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
        requests.onCompleted();
        return result;
    }
}
