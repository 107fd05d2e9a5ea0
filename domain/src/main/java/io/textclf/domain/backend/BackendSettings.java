package io.textclf.domain.backend;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a {@link BackendFactory} builds a backend from.
 *
 * @param device   where to compute
 * @param cacheDir a folder the backend may write to (native libraries, engine downloads); a backend
 *                 uses a subfolder named after itself
 */
public record BackendSettings(Device device, Path cacheDir) {

    /** @throws NullPointerException when either is missing */
    public BackendSettings {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(cacheDir, "cacheDir");
    }

    /** The CPU, and a cache folder under the system's temporary folder: for tests and library use. */
    public static BackendSettings cpu() {
        return new BackendSettings(new Device.Cpu(), Path.of(System.getProperty("java.io.tmpdir"), "textclf-cache"));
    }

    /** The folder this backend writes to: {@code cacheDir/backendName}. */
    public Path cacheFolder(String backendName) {
        return cacheDir.resolve(backendName);
    }
}
