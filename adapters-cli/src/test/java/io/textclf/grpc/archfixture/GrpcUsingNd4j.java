package io.textclf.grpc.archfixture;

import io.textclf.domain.backend.BackendSettings;
import io.textclf.domain.backend.ComputeBackend;
import io.textclf.nd4j.Nd4jBackend;

/** Fixture: one adapter (gRPC) using another (the nd4j backend) directly. */
public final class GrpcUsingNd4j {

    public ComputeBackend backend() {
        return new Nd4jBackend(BackendSettings.cpu());
    }
}
