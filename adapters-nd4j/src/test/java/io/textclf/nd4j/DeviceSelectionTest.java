package io.textclf.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import io.textclf.application.TextclfModule;
import io.textclf.application.backend.BackendRegistry;
import io.textclf.application.backend.UnknownBackendException;
import io.textclf.application.config.SettingKey;
import io.textclf.application.config.TextclfConfig;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the backend is found and which devices it accepts. */
class DeviceSelectionTest {

    @Test
    void theApplicationFindsTheBackendOnTheClassPath() {
        BackendRegistry registry = registry(TextclfConfig.defaults());
        assertTrue(registry.names().contains("nd4j"), registry.names().toString());
        assertEquals("nd4j", registry.get("nd4j").name());
        assertTrue(registry.get("nd4j").describe().startsWith("nd4j 1.0.0-M2.1 (CpuBackend"),
                registry.get("nd4j").describe());
    }

    @Test
    void cpuAndAutoSelectTheCpu() {
        for (String device : new String[] {"cpu", "auto", "CPU"}) {
            assertEquals("nd4j", registry(TextclfConfig.defaults().with(SettingKey.DEVICE, device)).get("nd4j").name());
        }
    }

    @Test
    void cudaFailsNamingTheFix() {
        UnknownBackendException e = assertThrows(UnknownBackendException.class,
                () -> registry(TextclfConfig.defaults().with(SettingKey.DEVICE, "cuda")).get("nd4j"));
        assertTrue(e.getMessage().startsWith("backend 'nd4j' cannot start: device 'cuda' (flag) is not available"),
                e.getMessage());
        assertTrue(e.getMessage().contains("use --device cpu or --device auto"), e.getMessage());
        assertTrue(e.getMessage().contains("--backend djl from a build with -Pcuda"), e.getMessage());
    }

    @Test
    void cudaFromTheEnvironmentSaysWhereItCameFrom() {
        TextclfConfig config = TextclfConfig.resolve(Map.of(), Map.of("TEXTCLF_DEVICE", "cuda"), Optional.empty());
        UnknownBackendException e = assertThrows(UnknownBackendException.class, () -> new Nd4jBackend(config));
        assertTrue(e.getMessage().contains("(environment variable TEXTCLF_DEVICE)"), e.getMessage());
    }

    @Test
    void anUnknownDeviceIsRejected() {
        UnknownBackendException e = assertThrows(UnknownBackendException.class,
                () -> new Nd4jBackend(TextclfConfig.defaults().with(SettingKey.DEVICE, "tpu")));
        assertEquals("unknown device 'tpu' (flag): expected cpu, cuda or auto", e.getMessage());
    }

    @Test
    void anotherBackendIgnoresTheNd4jDeviceRule() {
        UnknownBackendException e = assertThrows(UnknownBackendException.class,
                () -> registry(TextclfConfig.defaults().with(SettingKey.DEVICE, "cuda")).get("reference"));
        assertTrue(e.getMessage().contains("the reference backend runs on the CPU only"), e.getMessage());
        assertFalse(e.getMessage().contains("nd4j"), e.getMessage());
        assertEquals("reference",
                registry(TextclfConfig.defaults().with(SettingKey.DEVICE, "cpu")).get("reference").name());
    }

    private static BackendRegistry registry(TextclfConfig config) {
        return Guice.createInjector(new TextclfModule(config)).getInstance(BackendRegistry.class);
    }
}
