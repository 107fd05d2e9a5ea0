package io.textclf.nd4j;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.backend.BackendException;
import io.textclf.domain.backend.BackendSettings;
import io.textclf.domain.backend.Device;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the nd4j backend says about where it runs: ND4J's CPU backend, and the fix when asked for a GPU. */
class DeviceSelectionTest {

    @Test
    void describesNd4jsCpuBackend() {
        String description = new Nd4jBackendFactory().create(BackendSettings.cpu()).describe();
        assertTrue(description.startsWith("nd4j 1.0.0-M2.1 (CpuBackend"), description);
    }

    @Test
    void aGpuIsRefusedNamingTheBackendThatHasOne() {
        BackendException e = assertThrows(BackendException.class, () -> new Nd4jBackendFactory()
                .create(new BackendSettings(new Device.Cuda(0), Path.of("target"))));
        assertTrue(e.getMessage().startsWith("backend 'nd4j' cannot use device cuda: it runs on the CPU only"),
                e.getMessage());
        assertTrue(e.getMessage().contains("backend djl from a build with -Pcuda"), e.getMessage());
    }
}
