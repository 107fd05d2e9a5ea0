package io.textclf.grpc.archfixture;

import ai.djl.ndarray.NDManager;
import io.textclf.domain.backend.ComputeBackend;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Fixture: an adapter (gRPC) going around the ComputeBackend port, to the engines themselves. */
public final class GrpcUsingTheEnginesDirectly {

    public long rows(INDArray array) {
        return array.rows();
    }

    public NDManager manager() {
        return NDManager.newBaseManager();
    }
}
