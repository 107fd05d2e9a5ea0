package io.textclf.domain.reference;

import io.textclf.domain.backend.BackendException;
import io.textclf.domain.backend.BackendFactory;
import io.textclf.domain.backend.BackendSettings;
import io.textclf.domain.backend.ComputeBackend;
import io.textclf.domain.backend.Device;

/** Makes the {@link ReferenceBackend}, which runs on the CPU: {@code cpu} and {@code auto} only. */
public final class ReferenceBackendFactory implements BackendFactory {

    @Override
    public String name() {
        return ReferenceBackend.NAME;
    }

    @Override
    public ComputeBackend create(BackendSettings settings) {
        if (settings.device() instanceof Device.Cuda) {
            throw BackendException.cpuOnly(ReferenceBackend.NAME, settings.device());
        }
        return new ReferenceBackend();
    }
}
