package io.textclf.nd4j;

import io.textclf.domain.backend.BackendException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Starts ND4J once per JVM, on first use of the nd4j backend (never when another backend is chosen).
 *
 * <p>Before ND4J loads, the javacpp settings it reads at class-load time are given defaults when the
 * JVM was started without them: {@value #CACHE_DIR} (where the native libraries are unpacked) becomes
 * the configured cache directory, and {@value #MAX_BYTES} / {@value #MAX_PHYSICAL_BYTES} become 0 (no
 * memory check on every allocation, 3-5x faster). A {@code -D} flag always wins.
 */
final class Nd4jRuntime {

    static final String CACHE_DIR = "org.bytedeco.javacpp.cachedir";
    static final String MAX_BYTES = "org.bytedeco.javacpp.maxbytes";
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";

    private static String description;
    private static String failure;

    private Nd4jRuntime() {
    }

    /**
     * Loads ND4J's CPU backend if it is not loaded yet.
     *
     * @param cacheDir where javacpp unpacks the native libraries unless {@value #CACHE_DIR} is set
     * @return one line naming the library, backend, BLAS and threads
     * @throws BackendException when the native libraries cannot be loaded here
     */
    static synchronized String start(Path cacheDir) {
        if (description != null) {
            return description;
        }
        if (failure != null) {
            throw new BackendException(failure);
        }
        setIfAbsent(CACHE_DIR, cacheDir.toAbsolutePath().toString());
        setIfAbsent(MAX_BYTES, "0");
        setIfAbsent(MAX_PHYSICAL_BYTES, "0");
        try {
            org.nd4j.linalg.factory.Nd4jBackend backend = Nd4j.getBackend();
            description = "nd4j " + version() + " (" + backend.getClass().getSimpleName() + ", device cpu, "
                    + Nd4j.factory().blas().getBlasVendor() + ", " + Nd4j.getEnvironment().maxThreads()
                    + " thread(s), native cache " + Loader.getCacheDir() + ")";
            return description;
        } catch (IOException | RuntimeException | LinkageError e) {
            failure = missingClass(e).map(name -> "backend 'nd4j' cannot start: a Java class it needs is not on the "
                            + "class path (" + name + "): its jars are incomplete; a plug-in folder needs the nd4j "
                            + "adapter's jar with every jar it depends on")
                    .orElse("backend 'nd4j' cannot start: ND4J could not load its native CPU libraries (nd4j-native, "
                            + "OpenBLAS) from " + System.getProperty(CACHE_DIR) + " (" + e + "); the nd4j backend "
                            + "needs linux-x86_64 and a writable cache directory (set TEXTCLF_CACHE_DIR or -D"
                            + CACHE_DIR + ")");
            throw new BackendException(failure);
        }
    }

    /** The class whose absence caused {@code failure}, if that is what it was: not a native-library problem. */
    static Optional<String> missingClass(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NoClassDefFoundError || t instanceof ClassNotFoundException) {
                return Optional.of(String.valueOf(t.getMessage()).replace('/', '.'));
            }
        }
        return Optional.empty();
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private static String version() {
        try (InputStream in = Nd4j.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in == null) {
                return "(version unknown)";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "(version unknown)");
        } catch (IOException e) {
            return "(version unknown)";
        }
    }
}
