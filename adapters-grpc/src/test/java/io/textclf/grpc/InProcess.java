package io.textclf.grpc;

import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.health.v1.HealthGrpc;
import io.textclf.proto.v1.ClassificationServiceGrpc;
import io.textclf.proto.v1.ModelServiceGrpc;
import io.textclf.proto.v1.TrainingServiceGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/** A server on the in-process transport and a channel to it. */
final class InProcess implements AutoCloseable {

    final TextclfServer server;
    final ManagedChannel channel;

    private InProcess(TextclfServer server, ManagedChannel channel) {
        this.server = server;
        this.channel = channel;
    }

    static ServerSettings settings(Path modelsDir, Path dataRoot) {
        return ServerSettings.defaults(modelsDir, dataRoot).withShutdownGrace(Duration.ofSeconds(10));
    }

    static InProcess start(ServerSettings settings) {
        String name = InProcessServerBuilder.generateName();
        try {
            TextclfServer server = TextclfServer.start(InProcessServerBuilder.forName(name), settings,
                    Fixtures.components());
            return new InProcess(server, InProcessChannelBuilder.forName(name).directExecutor().build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ClassificationServiceGrpc.ClassificationServiceBlockingStub classification() {
        return ClassificationServiceGrpc.newBlockingStub(channel);
    }

    ModelServiceGrpc.ModelServiceBlockingStub models() {
        return ModelServiceGrpc.newBlockingStub(channel);
    }

    TrainingServiceGrpc.TrainingServiceBlockingStub training() {
        return TrainingServiceGrpc.newBlockingStub(channel);
    }

    TrainingServiceGrpc.TrainingServiceStub trainingAsync() {
        return TrainingServiceGrpc.newStub(channel);
    }

    HealthGrpc.HealthBlockingStub health() {
        return HealthGrpc.newBlockingStub(channel);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.close();
    }
}
