package io.textclf.nd4j.archfixture;

import com.google.inject.Inject;
import io.textclf.application.config.TextclfConfig;
import io.textclf.domain.backend.BackendFactory;
import io.textclf.domain.backend.BackendSettings;
import io.textclf.domain.backend.ComputeBackend;
import io.textclf.domain.reference.ReferenceBackend;

/** Fixture: a backend wired with Guice that reads the application's configuration. */
public final class GuiceBackendFactory implements BackendFactory {

    private final TextclfConfig config;

    @Inject
    public GuiceBackendFactory(TextclfConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return config.toString();
    }

    @Override
    public ComputeBackend create(BackendSettings settings) {
        return new ReferenceBackend();
    }
}
