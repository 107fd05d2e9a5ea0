package io.textclf.nd4j;

import io.textclf.domain.backend.BackendFactory;
import io.textclf.domain.backend.BackendSettings;
import io.textclf.domain.backend.ComputeBackend;

/** Makes the {@code nd4j} backend; found through {@code META-INF/services}. */
public final class Nd4jBackendFactory implements BackendFactory {

    @Override
    public String name() {
        return Nd4jBackend.NAME;
    }

    @Override
    public ComputeBackend create(BackendSettings settings) {
        return new Nd4jBackend(settings);
    }
}
