package io.textclf.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import io.textclf.domain.backend.BackendException;
import io.textclf.domain.backend.BackendSettings;
import io.textclf.domain.backend.ComputeBackend;
import io.textclf.domain.backend.Device;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.UniformInitializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device selection: {@code --device cuda} where it cannot work fails with a message naming the fix. */
class DjlDeviceTest {

    private static ComputeBackend djlWith(String device) {
        return new DjlBackendFactory().create(new BackendSettings(Device.parse(device), Path.of("target")));
    }

    @Test
    void autoSaysWhichDeviceItPicked() {
        int gpus = Engine.getEngine(DjlRuntime.ENGINE).getGpuCount();
        String expected = gpus == 0 ? "device cpu() picked by auto: no CUDA GPU visible"
                : "device gpu(0) picked by auto: " + gpus + " CUDA GPU(s) visible";
        String description = djlWith("auto").describe();
        assertTrue(description.contains(expected), description);
    }

    @Test
    void cudaWithoutAGpuOrWithoutTheCudaBuildFailsNamingTheFix() {
        assumeTrue(Engine.getEngine(DjlRuntime.ENGINE).getGpuCount() == 0, "this machine has a GPU");
        ComputeBackend backend = djlWith("cuda");

        BackendException e = assertThrows(BackendException.class, backend::describe);
        String message = e.getMessage();
        assertTrue(message.startsWith("backend 'djl' cannot use device cuda: "), message);
        assertTrue(message.contains("use device cpu or auto"), message);
        if (message.contains("CPU only")) {
            assertTrue(message.contains("mvn -B -Pcuda package"), message);
        } else {
            assertTrue(message.contains("sees no CUDA GPU"), message);
        }
        BackendException again = assertThrows(BackendException.class,
                () -> backend.trainable(new UniformInitializer(0.5, 1).initialize(new ModelDims(3, 2, 2))));
        assertEquals(message, again.getMessage());
    }

    @Test
    void cpuIsUsedWhenAsked() {
        assertTrue(djlWith("cpu").describe().contains("device cpu() as asked"));
    }

    /** DJL's telemetry would probe the EC2 metadata address when the engine loads; the backend turns it off. */
    @Test
    void theEngineStartsWithTelemetryOff() {
        assumeTrue(System.getenv(DjlRuntime.OPT_OUT_TRACKING) == null, "the environment chooses");
        djlWith("cpu").describe();
        assertEquals("true", ai.djl.util.Utils.getEnvOrSystemProperty(DjlRuntime.OPT_OUT_TRACKING));
    }

    @Test
    void anUnwritableCacheFolderIsReportedWithTheSettingToChange(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        String previous = System.getProperty(DjlRuntime.ENGINE_CACHE_DIR);
        System.setProperty(DjlRuntime.ENGINE_CACHE_DIR, file.resolve("cache").toString());
        try {
            BackendException e = assertThrows(BackendException.class, () -> djlWith("cpu").describe());
            assertTrue(e.getMessage().contains("cache folder " + file.resolve("cache") + " is not writable"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("(TEXTCLF_CACHE_DIR, or cache.dir= in the config file), or DJL one with "
                    + "DJL_CACHE_DIR or ENGINE_CACHE_DIR"), e.getMessage());
        } finally {
            if (previous == null) {
                System.clearProperty(DjlRuntime.ENGINE_CACHE_DIR);
            } else {
                System.setProperty(DjlRuntime.ENGINE_CACHE_DIR, previous);
            }
        }
    }
}
