package io.textclf.application.archfixture;

import io.textclf.proto.v1.ClassifyRequest;

/** Fixture: the application knowing the RPC API. */
public final class ApplicationCallingGrpc {

    public ClassifyRequest request() {
        return ClassifyRequest.getDefaultInstance();
    }
}
