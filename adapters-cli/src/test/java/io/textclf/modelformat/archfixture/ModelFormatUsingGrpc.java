package io.textclf.modelformat.archfixture;

import io.grpc.Status;

/** Fixture: the model-format artifact reaching for gRPC. */
public final class ModelFormatUsingGrpc {

    public Status notFound() {
        return Status.NOT_FOUND;
    }
}
