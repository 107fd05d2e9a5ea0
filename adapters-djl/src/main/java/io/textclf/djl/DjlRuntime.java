package io.textclf.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;
import io.textclf.domain.backend.BackendException;
import io.textclf.domain.backend.Device.Auto;
import io.textclf.domain.backend.Device.Cpu;
import io.textclf.domain.backend.Device.Cuda;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The started PyTorch engine and the device the DJL backend computes on, with a root memory
 * manager that each model's manager hangs under.
 *
 * <p>{@link #start} is where libtorch gets loaded (hundreds of MB unpacked into DJL's cache folder
 * at first use); nothing else in this backend touches native code before it.
 */
final class DjlRuntime {

    static final String ENGINE = "PyTorch";

    /** DJL's settings (an environment variable of that name wins over the system property). */
    static final String DJL_CACHE_DIR = "DJL_CACHE_DIR";
    static final String ENGINE_CACHE_DIR = "ENGINE_CACHE_DIR";
    static final String PYTORCH_LIBRARY_PATH = "PYTORCH_LIBRARY_PATH";
    /** DJL's switch for its usage telemetry, which otherwise probes the EC2 metadata address when an engine loads. */
    static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";

    /** The properties file that a pytorch-native-* jar on the class path carries. */
    static final String BUNDLED_NATIVE = "native/lib/pytorch.properties";

    private static final String CUDA_PROFILE_HINT = "rebuild with the CUDA profile, 'mvn -B -Pcuda package "
            + "-DskipTests' (libtorch 2.5.1 for CUDA 12.4 with DJL 0.33.0; see docs/backends.md)";

    private final Device device;
    private final NDManager root;
    private final String description;

    private DjlRuntime(Device device, NDManager root, String description) {
        this.device = device;
        this.root = root;
        this.description = description;
    }

    /**
     * Loads libtorch and picks the device. DJL's usage telemetry is turned off first unless the user set
     * {@code OPT_OUT_TRACKING}: the backend makes no network call of its own.
     *
     * @param request         what the user asked for
     * @param defaultCacheDir DJL's cache folder when neither {@code DJL_CACHE_DIR} nor
     *                        {@code ENGINE_CACHE_DIR} is set as environment variable or system property
     * @throws BackendException when libtorch cannot load, or the requested device does not exist
     */
    static DjlRuntime start(io.textclf.domain.backend.Device request, Path defaultCacheDir) {
        if (Utils.getEnvOrSystemProperty(OPT_OUT_TRACKING) == null) {
            System.setProperty(OPT_OUT_TRACKING, "true");
        }
        Path cache = prepareCacheDir(defaultCacheDir);
        Optional<String> bundledFlavor = bundledFlavor();
        if (request instanceof Cuda && bundledFlavor.filter(f -> f.startsWith("cpu")).isPresent()) {
            throw BackendException.deviceUnavailable(DjlBackend.NAME, request, "this build bundles libtorch for "
                    + "CPU only (" + bundledDescription() + "); " + CUDA_PROFILE_HINT + ", or use device cpu or auto");
        }
        Engine engine = loadEngine(cache);
        int gpus = engine.getGpuCount();
        String build = "PyTorch " + engine.getVersion() + bundledFlavor.map(f -> " " + f + " build")
                .orElse(" from " + LibUtils.getLibtorchPath());
        Choice choice = choose(request, gpus, build, bundledFlavor.isPresent());
        NDManager root = NDManager.newBaseManager(choice.device(), ENGINE);
        String description = "djl (DJL " + Engine.getDjlVersion() + ", " + build + ", device " + choice.device()
                + " " + choice.why() + "; " + JniUtils.getNumThreads() + " intra-op thread(s), OMP_WAIT_POLICY="
                + Optional.ofNullable(System.getenv("OMP_WAIT_POLICY")).orElse("unset (set passive: spin-waits otherwise)")
                + "; cache " + cache + ")";
        return new DjlRuntime(choice.device(), root, description);
    }

    /** A device and why it was taken, for the description. */
    private record Choice(Device device, String why) {
    }

    private static Choice choose(io.textclf.domain.backend.Device request, int gpus, String build, boolean bundled) {
        if (request instanceof Cpu) {
            return new Choice(Device.cpu(), "as asked");
        }
        if (request instanceof Auto) {
            return gpus > 0
                    ? new Choice(Device.gpu(0), "picked by auto: " + gpus + " CUDA GPU(s) visible")
                    : new Choice(Device.cpu(), "picked by auto: no CUDA GPU visible");
        }
        int index = ((Cuda) request).index();
        if (gpus == 0) {
            throw BackendException.deviceUnavailable(DjlBackend.NAME, request, "libtorch (" + build + ") sees no "
                    + "CUDA GPU here. " + (bundled ? "" : "If this libtorch is the CPU build, " + CUDA_PROFILE_HINT
                    + ". ") + "Check the NVIDIA driver (nvidia-smi) and CUDA_VISIBLE_DEVICES, or use device cpu or auto");
        }
        if (index >= gpus) {
            throw BackendException.deviceUnavailable(DjlBackend.NAME, request,
                    "libtorch sees " + gpus + " GPU(s), numbered from 0");
        }
        return new Choice(Device.gpu(index), "as asked");
    }

    /** A new manager for one model's memory, on this runtime's device; the model closes it. */
    NDManager newModelManager() {
        return root.newSubManager(device);
    }

    /** The device it computes on, as textclf names it. */
    io.textclf.domain.backend.Device device() {
        return device.isGpu() ? new Cuda(device.getDeviceId()) : new Cpu();
    }

    /** One line for logs: versions, device and why, threads. */
    String description() {
        return description;
    }

    /**
     * Points DJL at {@code defaultCacheDir} unless the user chose a folder, and checks that the folder
     * DJL will unpack libtorch into is writable.
     */
    private static Path prepareCacheDir(Path defaultCacheDir) {
        if (Utils.getEnvOrSystemProperty(DJL_CACHE_DIR) == null && Utils.getEnvOrSystemProperty(ENGINE_CACHE_DIR) == null) {
            System.setProperty(DJL_CACHE_DIR, defaultCacheDir.toString());
        }
        Path cache = Utils.getEngineCacheDir();
        try {
            Files.createDirectories(cache);
        } catch (IOException e) {
            throw notWritable(cache, e.toString());
        }
        if (!Files.isWritable(cache)) {
            throw notWritable(cache, "no write permission");
        }
        return cache;
    }

    private static BackendException notWritable(Path cache, String why) {
        return new BackendException("backend 'djl' cannot start: its cache folder " + cache
                + " is not writable (" + why + "); libtorch is unpacked there at first use. Give textclf a writable "
                + "cache folder (TEXTCLF_CACHE_DIR, or cache.dir= in the config file), or DJL one with " + DJL_CACHE_DIR
                + " or " + ENGINE_CACHE_DIR + " (environment variable or -D system property)");
    }

    private static Engine loadEngine(Path cache) {
        try {
            return Engine.getEngine(ENGINE);
        } catch (EngineException | UnsatisfiedLinkError | IllegalArgumentException e) {
            throw new BackendException("backend 'djl' cannot start: libtorch failed to load (" + e.getMessage()
                    + "). It loads from the pytorch-native-* jar on the class path, unpacked into " + cache
                    + ", or from " + PYTORCH_LIBRARY_PATH + "; without either DJL tries to download it, which "
                    + "fails offline (-Dai.djl.offline=true)");
        }
    }

    /** The flavor ({@code cpu}, {@code cu124}, ...) of the bundled native jar, unless overridden by a local libtorch. */
    private static Optional<String> bundledFlavor() {
        if (Utils.getEnvOrSystemProperty(PYTORCH_LIBRARY_PATH) != null) {
            return Optional.empty();
        }
        return bundledProperties().map(p -> p.getProperty("flavor")).filter(f -> !f.isBlank());
    }

    private static String bundledDescription() {
        return bundledProperties()
                .map(p -> "libtorch " + p.getProperty("version", "?") + ", flavor " + p.getProperty("flavor", "?"))
                .orElse("no native jar found");
    }

    private static Optional<Properties> bundledProperties() {
        URL url = DjlRuntime.class.getClassLoader().getResource(BUNDLED_NATIVE);
        if (url == null) {
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            Properties properties = new Properties();
            properties.load(in);
            return Optional.of(properties);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url + ": " + e.getMessage(), e);
        }
    }
}
