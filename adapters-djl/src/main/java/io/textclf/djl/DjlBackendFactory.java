package io.textclf.djl;

import io.textclf.domain.backend.BackendFactory;
import io.textclf.domain.backend.BackendSettings;
import io.textclf.domain.backend.ComputeBackend;

/** Makes the {@code djl} (DJL / PyTorch) backend; found through {@code META-INF/services}. */
public final class DjlBackendFactory implements BackendFactory {

    @Override
    public String name() {
        return DjlBackend.NAME;
    }

    @Override
    public ComputeBackend create(BackendSettings settings) {
        return new DjlBackend(settings);
    }
}
