package io.textclf.domain.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The providers of a service that {@link ServiceLoader} finds through a class loader (the class path and plug-in jars),
 * with a plug-in that lists a provider it cannot supply (a missing class, one without a public no-argument
 * constructor) reported as a {@link PluginException} that says so in one line, not as a {@link ServiceConfigurationError}.
 */
public final class ServiceProviders {

    private ServiceProviders() {
    }

    /**
     * Every provider of {@code service}.
     *
     * @throws PluginException naming the service and the provider that could not be loaded
     */
    public static <T> List<T> load(Class<T> service, ClassLoader classLoader) {
        List<T> providers = new ArrayList<>();
        try {
            ServiceLoader.load(service, classLoader).forEach(providers::add);
        } catch (ServiceConfigurationError e) {
            throw new PluginException("a plug-in jar lists a " + service.getSimpleName() + " that cannot be loaded ("
                    + e.getMessage() + "): fix or remove the jar whose META-INF/services/" + service.getName()
                    + " names it", e);
        }
        return providers;
    }
}
