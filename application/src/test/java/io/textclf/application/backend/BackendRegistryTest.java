package io.textclf.application.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import io.textclf.application.TextclfModule;
import io.textclf.application.config.TextclfConfig;
import io.textclf.domain.reference.ReferenceBackend;
import org.junit.jupiter.api.Test;

class BackendRegistryTest {

    private final BackendRegistry registry = Guice.createInjector(new TextclfModule(TextclfConfig.defaults()))
            .getInstance(BackendRegistry.class);

    @Test
    void findsTheReferenceBackendByNameOnce() {
        assertTrue(registry.get("reference") instanceof ReferenceBackend);
        assertSame(registry.get("reference"), registry.get("reference"));
    }

    @Test
    void theReferenceBackendRefusesAGpuInsteadOfIgnoringIt() {
        TextclfConfig cuda = TextclfConfig.defaults().with(io.textclf.application.config.SettingKey.DEVICE, "cuda");
        BackendRegistry gpu = Guice.createInjector(new TextclfModule(cuda)).getInstance(BackendRegistry.class);
        UnknownBackendException e = assertThrows(UnknownBackendException.class, () -> gpu.get("reference"));
        assertEquals("backend 'reference' cannot start: device 'cuda' (flag) is not available: the reference backend "
                + "runs on the CPU only; use --device cpu or auto, or --backend djl built with -Pcuda for a GPU",
                e.getMessage());
    }

    @Test
    void unknownNameListsWhatIsAvailable() {
        UnknownBackendException e = assertThrows(UnknownBackendException.class, () -> registry.get("tensorflow"));
        assertEquals("unknown backend 'tensorflow' (available: " + String.join(", ", registry.names()) + ")",
                e.getMessage());
        assertTrue(registry.names().contains("reference"));
    }
}
