package io.textclf.application.backend;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.textclf.application.config.Setting;
import io.textclf.application.config.SettingKey;
import io.textclf.application.config.TextclfConfig;
import io.textclf.domain.model.ComputeBackend;
import io.textclf.domain.reference.ReferenceBackend;
import java.util.Locale;

/** The reference backend, which runs on the CPU: a device setting asking for anything else is an error, not ignored. */
final class ReferenceBackendProvider implements Provider<ComputeBackend> {

    private final TextclfConfig config;

    @Inject
    ReferenceBackendProvider(TextclfConfig config) {
        this.config = config;
    }

    @Override
    public ComputeBackend get() {
        Setting device = config.get(SettingKey.DEVICE);
        String value = device.value().strip().toLowerCase(Locale.ROOT);
        if (value.equals("cpu") || value.equals("auto")) {
            return new ReferenceBackend();
        }
        if (value.equals("cuda") || value.startsWith("cuda:")) {
            throw new UnknownBackendException("device '" + device.value() + "' (" + device.source() + ") is not "
                    + "available: the reference backend runs on the CPU only; use --device cpu or auto, or "
                    + "--backend djl built with -Pcuda for a GPU");
        }
        throw new UnknownBackendException("unknown device '" + device.value() + "' (" + device.source()
                + "): expected cpu, cuda or auto");
    }
}
