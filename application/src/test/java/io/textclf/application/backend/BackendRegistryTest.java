package io.textclf.application.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import io.textclf.application.TextclfModule;
import io.textclf.application.config.ConfigException;
import io.textclf.application.config.SettingKey;
import io.textclf.application.config.TextclfConfig;
import io.textclf.domain.backend.BackendException;
import io.textclf.domain.backend.ComputeBackend;
import io.textclf.domain.backend.Device;
import io.textclf.domain.reference.ReferenceBackend;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackendRegistryTest {

    private final BackendRegistry registry = registry(TextclfConfig.defaults());

    private static BackendRegistry registry(TextclfConfig config) {
        return Guice.createInjector(new TextclfModule(config)).getInstance(BackendRegistry.class);
    }

    @Test
    void findsTheReferenceBackendByNameOnce() {
        assertTrue(registry.get("reference") instanceof ReferenceBackend);
        assertSame(registry.get("reference"), registry.get("reference"));
    }

    @Test
    void theReferenceBackendRefusesAGpuInTheSharedWording() {
        BackendRegistry gpu = registry(TextclfConfig.defaults().with(SettingKey.DEVICE, "cuda:0"));
        BackendException e = assertThrows(BackendException.class, () -> gpu.get("reference"));
        assertEquals("backend 'reference' cannot use device cuda: it runs on the CPU only (use device cpu or auto)",
                e.getMessage());
    }

    @Test
    void aDeviceThatIsNoDeviceIsRefusedNamingWhereItCameFrom() {
        TextclfConfig config = TextclfConfig.resolve(Map.of(), Map.of("TEXTCLF_DEVICE", "tpu"), Optional.empty());
        ConfigException e = assertThrows(ConfigException.class, () -> registry(config).get("reference"));
        assertEquals("unknown device 'tpu': expected cpu, cuda, cuda:N or auto (from environment variable "
                + "TEXTCLF_DEVICE)", e.getMessage());
    }

    @Test
    void unknownNameListsWhatIsAvailable() {
        UnknownBackendException e = assertThrows(UnknownBackendException.class, () -> registry.get("tensorflow"));
        assertEquals("unknown backend 'tensorflow' (available: " + String.join(", ", registry.names()) + "); for "
                + "another, put its jar in the plug-in folder ($TEXTCLF_PLUGINS, or plugins/ beside the installation)",
                e.getMessage());
        assertTrue(registry.names().contains("reference"));
    }

    @Test
    void aConfiguredNameNoBackendHasSaysWhereItCameFrom() {
        TextclfConfig config = TextclfConfig.resolve(Map.of(), Map.of("TEXTCLF_BACKEND", "nope"), Optional.empty());
        BackendRegistry configured = registry(config);
        UnknownBackendException e = assertThrows(UnknownBackendException.class,
                () -> configured.get(config.value(SettingKey.BACKEND)));
        assertTrue(e.getMessage().startsWith("unknown backend 'nope' (available: " + String.join(", ",
                configured.names()) + "), from environment variable TEXTCLF_BACKEND; for another, "), e.getMessage());
    }

    @Test
    void aNameGivenByTheFlagSaysSoToo() {
        TextclfConfig config = TextclfConfig.resolve(Map.of(SettingKey.BACKEND, "nope"), Map.of(), Optional.empty());
        UnknownBackendException e = assertThrows(UnknownBackendException.class, () -> registry(config).get("nope"));
        assertTrue(e.getMessage().contains("), from flag; for another, "), e.getMessage());
    }

    @Test
    void aRefusedDeviceThatNoFlagGaveSaysWhereItCameFrom() {
        TextclfConfig config = TextclfConfig.resolve(Map.of(), Map.of("TEXTCLF_DEVICE", "cuda"), Optional.empty());
        BackendException e = assertThrows(BackendException.class, () -> registry(config).get("reference"));
        assertEquals("backend 'reference' cannot use device cuda: it runs on the CPU only (use device cpu or auto) "
                + "(device cuda from environment variable TEXTCLF_DEVICE)", e.getMessage());
        TextclfConfig flagged = TextclfConfig.resolve(Map.of(SettingKey.DEVICE, "cuda"), Map.of(), Optional.empty());
        assertEquals("backend 'reference' cannot use device cuda: it runs on the CPU only (use device cpu or auto)",
                assertThrows(BackendException.class, () -> registry(flagged).get("reference")).getMessage());
    }

    @Test
    void createMakesANewInstanceOnTheDeviceItIsGivenWhateverTheConfiguredOne() {
        BackendRegistry gpu = registry(TextclfConfig.defaults().with(SettingKey.DEVICE, "cuda"));
        ComputeBackend onCpu = gpu.create("reference", new Device.Cpu());
        assertTrue(onCpu instanceof ReferenceBackend);
        assertNotSame(onCpu, gpu.create("reference", new Device.Cpu()));
        assertEquals("backend 'reference' cannot use device cuda: it runs on the CPU only (use device cpu or auto)",
                assertThrows(BackendException.class, () -> registry.create("reference", new Device.Cuda(0)))
                        .getMessage());
        assertThrows(UnknownBackendException.class, () -> registry.create("tensorflow", new Device.Cpu()));
    }
}
