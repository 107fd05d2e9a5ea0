package io.textclf.nd4j;

import io.textclf.application.backend.BackendModule;

/** Registers {@link Nd4jBackend} as {@code nd4j}; found through {@code META-INF/services}. */
public final class Nd4jBackendModule extends BackendModule {

    @Override
    protected void configure() {
        bindBackend(Nd4jBackend.NAME, Nd4jBackend.class);
    }
}
