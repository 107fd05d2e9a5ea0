package io.textclf.application.serve;

import java.time.Duration;

/**
 * Hears what the {@link ModelRegistry} does with model versions (for metrics and logs). Called on
 * the thread that loads or unloads, while the registry holds its lock: return quickly.
 */
public interface RegistryListener {

    /** Does nothing. */
    RegistryListener NONE = new RegistryListener() {
    };

    /** {@code model} is served from now on; reading and placing it on the backend took {@code took}. */
    default void loaded(ServedModel model, Duration took) {
    }

    /** {@code model} is no longer served: its file was removed or the version policy left it out. */
    default void unloaded(ServedModel model, String reason) {
    }

    /**
     * A version on disk is not served; {@code reason} says why (a bad file, the memory bound, a file name that is no
     * version, which has {@code version} 0).
     */
    default void refused(String name, long version, String reason) {
    }
}
