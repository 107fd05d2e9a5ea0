package io.textclf.domain.backend;


/**
 * Service provider interface of a compute backend: a backend module implements it and lists the
 * implementation in {@code META-INF/services/io.textclf.domain.backend.BackendFactory}, and
 * {@link java.util.ServiceLoader} finds it on the class path or in a plug-in jar. Implementations have
 * a public no-argument constructor and are cheap to construct: engines load in {@link #create} or later.
 */
public interface BackendFactory {

    /** The short lower-case name users choose the backend by, e.g. {@code nd4j}; unique among backends. */
    String name();

    /**
     * A backend computing where {@code settings} say.
     *
     * @throws BackendException when the device is one this backend does not have, or it cannot start here
     */
    ComputeBackend create(BackendSettings settings);
}
