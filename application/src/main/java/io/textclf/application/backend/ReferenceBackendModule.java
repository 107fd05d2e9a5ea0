package io.textclf.application.backend;

import io.textclf.domain.reference.ReferenceBackend;

/** Registers the domain's plain-Java reference backend as {@code reference}. */
public final class ReferenceBackendModule extends BackendModule {

    @Override
    protected void configure() {
        bindBackend(ReferenceBackend.NAME, ReferenceBackend.class);
    }
}
