package io.textclf.application.serve;

import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link ModelRegistry} serves the models directory.
 *
 * @param backend        compute backend the models run on
 * @param defaultModel   the model that answers when a call names none
 * @param policy         which versions on disk are served
 * @param maxModelBytes  bound on the estimated memory of all loaded versions ({@link ModelFootprint});
 *                       {@link Long#MAX_VALUE}: no bound
 * @param listener       hears loads, unloads and refusals
 */
public record RegistrySettings(String backend, Optional<String> defaultModel, VersionPolicy policy,
                               long maxModelBytes, RegistryListener listener) {

    public RegistrySettings {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(defaultModel, "defaultModel");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(listener, "listener");
        if (maxModelBytes < 1) {
            throw new IllegalArgumentException("the model memory bound must be positive, was " + maxModelBytes);
        }
    }

    /** Every version, no memory bound, nobody listening. */
    public static RegistrySettings all(String backend, Optional<String> defaultModel) {
        return new RegistrySettings(backend, defaultModel, new VersionPolicy.All(), Long.MAX_VALUE,
                RegistryListener.NONE);
    }
}
