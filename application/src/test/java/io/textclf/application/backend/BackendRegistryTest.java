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
    void unknownNameListsWhatIsAvailable() {
        UnknownBackendException e = assertThrows(UnknownBackendException.class, () -> registry.get("tensorflow"));
        assertEquals("unknown backend 'tensorflow' (available: " + String.join(", ", registry.names()) + ")",
                e.getMessage());
        assertTrue(registry.names().contains("reference"));
    }
}
