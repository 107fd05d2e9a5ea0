package io.textclf.djl;

import io.textclf.application.backend.BackendModule;

/** Registers the DJL / PyTorch backend as {@code djl} (found through {@code META-INF/services}). */
public final class DjlBackendModule extends BackendModule {

    @Override
    protected void configure() {
        bindBackend(DjlBackend.NAME, DjlBackend.class);
    }
}
