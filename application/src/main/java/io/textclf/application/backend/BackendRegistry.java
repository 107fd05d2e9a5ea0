package io.textclf.application.backend;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.ProvisionException;
import com.google.inject.Singleton;
import io.textclf.domain.model.ComputeBackend;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Finds compute backends by name among those bound by {@link BackendModule}s; creates each once. */
@Singleton
public final class BackendRegistry {

    private final Map<String, Provider<ComputeBackend>> providers;
    private final Map<String, ComputeBackend> created = new ConcurrentHashMap<>();

    @Inject
    BackendRegistry(Map<String, Provider<ComputeBackend>> providers) {
        this.providers = providers;
    }

    public Set<String> names() {
        return new TreeSet<>(providers.keySet());
    }

    /**
     * @throws UnknownBackendException when no backend has that name, or it cannot start here
     */
    public ComputeBackend get(String name) {
        Provider<ComputeBackend> provider = providers.get(name);
        if (provider == null) {
            throw new UnknownBackendException("unknown backend '" + name + "' (available: "
                    + String.join(", ", names()) + ")");
        }
        return created.computeIfAbsent(name, key -> {
            try {
                return provider.get();
            } catch (ProvisionException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new UnknownBackendException("backend '" + name + "' cannot start: " + cause.getMessage());
            }
        });
    }
}
