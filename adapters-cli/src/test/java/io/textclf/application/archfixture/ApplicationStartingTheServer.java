package io.textclf.application.archfixture;

import io.textclf.grpc.TextclfServer;

/** Fixture: the application knowing an adapter (the gRPC server). */
public final class ApplicationStartingTheServer {

    public Class<?> server() {
        return TextclfServer.class;
    }
}
