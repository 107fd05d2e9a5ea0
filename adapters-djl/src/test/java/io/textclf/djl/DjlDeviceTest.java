package io.textclf.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import com.google.inject.Guice;
import io.textclf.application.TextclfModule;
import io.textclf.application.backend.BackendRegistry;
import io.textclf.application.backend.UnknownBackendException;
import io.textclf.application.config.SettingKey;
import io.textclf.application.config.TextclfConfig;
import io.textclf.domain.model.ComputeBackend;
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
        return Guice.createInjector(new TextclfModule(TextclfConfig.defaults().with(SettingKey.DEVICE, device)))
                .getInstance(BackendRegistry.class).get(DjlBackend.NAME);
    }

    @Test
    void theBackendIsFoundOnTheClassPathUnderItsName() {
        BackendRegistry registry = Guice.createInjector(new TextclfModule(TextclfConfig.defaults()))
                .getInstance(BackendRegistry.class);
        assertTrue(registry.names().contains(DjlBackend.NAME), registry.names().toString());
        assertEquals(DjlBackend.NAME, registry.get(DjlBackend.NAME).name());
    }

    @Test
    void cudaWithoutAGpuOrWithoutTheCudaBuildFailsNamingTheFix() {
        assumeTrue(Engine.getEngine(DjlRuntime.ENGINE).getGpuCount() == 0, "this machine has a GPU");
        ComputeBackend backend = djlWith("cuda");

        UnknownBackendException e = assertThrows(UnknownBackendException.class, backend::describe);
        String message = e.getMessage();
        assertTrue(message.startsWith("backend 'djl' cannot use device cuda (from flag)"), message);
        assertTrue(message.contains("--device cpu"), message);
        if (message.contains("CPU only")) {
            assertTrue(message.contains("mvn -B -Pcuda package"), message);
        } else {
            assertTrue(message.contains("sees no CUDA GPU"), message);
        }
        UnknownBackendException again = assertThrows(UnknownBackendException.class,
                () -> backend.trainable(new UniformInitializer(0.5, 1).initialize(new ModelDims(3, 2, 2))));
        assertEquals(message, again.getMessage());
    }

    @Test
    void cpuIsUsedWhenAsked() {
        assertTrue(djlWith("cpu").describe().contains("device cpu() as asked"));
    }

    @Test
    void anUnknownDeviceIsRejectedWhenTheBackendIsChosen() {
        UnknownBackendException e = assertThrows(UnknownBackendException.class, () -> djlWith("tpu"));
        assertTrue(e.getMessage().contains("device 'tpu' (from flag) is not one of cpu, cuda, cuda:N, auto"),
                e.getMessage());
    }

    @Test
    void anUnwritableCacheFolderIsReportedWithTheSettingToChange(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        String previous = System.getProperty(DjlRuntime.ENGINE_CACHE_DIR);
        System.setProperty(DjlRuntime.ENGINE_CACHE_DIR, file.resolve("cache").toString());
        try {
            UnknownBackendException e = assertThrows(UnknownBackendException.class, () -> djlWith("cpu").describe());
            assertTrue(e.getMessage().contains("cache folder " + file.resolve("cache") + " is not writable"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("Set DJL_CACHE_DIR or ENGINE_CACHE_DIR"), e.getMessage());
        } finally {
            if (previous == null) {
                System.clearProperty(DjlRuntime.ENGINE_CACHE_DIR);
            } else {
                System.setProperty(DjlRuntime.ENGINE_CACHE_DIR, previous);
            }
        }
    }
}
