package io.textclf.application.backend;

import io.textclf.domain.reference.ReferenceBackend;

/** Registers the domain's plain-Java reference backend as {@code reference} (CPU only). */
public final class ReferenceBackendModule extends BackendModule {

    @Override
    protected void configure() {
        bindBackendProvider(ReferenceBackend.NAME, ReferenceBackendProvider.class);
    }
}
