package io.textclf.application.backend;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.textclf.domain.model.ComputeBackend;

/**
 * Base of the Guice module each compute backend adapter contributes. An adapter registers its
 * subclass in {@code META-INF/services/io.textclf.application.backend.BackendModule}; the
 * application finds every one on the class path, so adding a backend needs no change here.
 */
public abstract class BackendModule extends AbstractModule {

    /** Makes {@code type} available under {@code name} (e.g. {@code --backend name}). */
    protected final void bindBackend(String name, Class<? extends ComputeBackend> type) {
        MapBinder.newMapBinder(binder(), String.class, ComputeBackend.class).addBinding(name).to(type);
    }

    /** Makes the backend that {@code provider} builds available under {@code name}. */
    protected final void bindBackendProvider(String name,
                                             Class<? extends jakarta.inject.Provider<? extends ComputeBackend>> provider) {
        MapBinder.newMapBinder(binder(), String.class, ComputeBackend.class).addBinding(name).toProvider(provider);
    }
}
