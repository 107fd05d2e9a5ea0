package io.textclf.domain.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The providers of a service that {@link ServiceLoader} finds through a class loader (the class path and plug-in jars),
 * with a plug-in that lists a provider it cannot supply (a missing class, a constructor that throws, one without a
 * public no-argument constructor) reported as a {@link PluginException} that names the provider, the jar that lists it
 * and the cause in one line, not as a {@link ServiceConfigurationError}.
 */
public final class ServiceProviders {

    private static final Pattern PROVIDER = Pattern.compile("Provider (\\S+)");

    private ServiceProviders() {
    }

    /**
     * Every provider of {@code service}.
     *
     * @throws PluginException naming the provider that could not be loaded, the jar that lists it and why
     */
    public static <T> List<T> load(Class<T> service, ClassLoader classLoader) {
        List<T> providers = new ArrayList<>();
        try {
            ServiceLoader.load(service, classLoader).forEach(providers::add);
        } catch (ServiceConfigurationError e) {
            Matcher provider = PROVIDER.matcher(String.valueOf(e.getMessage()));
            String name = provider.find() ? provider.group(1) : "";
            String where = listing(service, classLoader, name).orElse("a plug-in jar");
            throw new PluginException(where + " lists the " + service.getSimpleName() + " "
                    + (name.isEmpty() ? "" : name + " ") + "that cannot be loaded: " + rootCause(e)
                    + "; fix or remove the jar (its META-INF/services/" + service.getName() + " names it)", e);
        }
        return providers;
    }

    /**
     * Where {@code provider}'s class was loaded from, for messages: its jar or folder, or the provider's class name
     * when that is unknown.
     */
    public static String origin(Object provider) {
        CodeSource source = provider.getClass().getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return provider.getClass().getName();
        }
        try {
            return provider.getClass().getName() + " from " + Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return provider.getClass().getName() + " from " + source.getLocation();
        }
    }

    /** The jar (or folder) whose service file names {@code provider}. */
    private static Optional<String> listing(Class<?> service, ClassLoader classLoader, String provider) {
        if (provider.isEmpty()) {
            return Optional.empty();
        }
        try {
            for (URL file : Collections.list(classLoader.getResources("META-INF/services/" + service.getName()))) {
                if (names(file, provider)) {
                    return Optional.of(container(file));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean names(URL serviceFile, String provider) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(serviceFile.openStream(),
                StandardCharsets.UTF_8))) {
            for (Iterator<String> lines = reader.lines().iterator(); lines.hasNext(); ) {
                String line = lines.next();
                int comment = line.indexOf('#');
                if ((comment < 0 ? line : line.substring(0, comment)).strip().equals(provider)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static String container(URL serviceFile) throws IOException {
        if (serviceFile.getProtocol().equals("jar")) {
            URL jar = ((JarURLConnection) serviceFile.openConnection()).getJarFileURL();
            try {
                return "plug-in " + Path.of(jar.toURI());
            } catch (URISyntaxException | IllegalArgumentException e) {
                return "plug-in " + jar;
            }
        }
        return serviceFile.toString();
    }

    /** The innermost cause's class and message: what actually went wrong in the plug-in's code. */
    private static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root == error) {
            Matcher provider = PROVIDER.matcher(String.valueOf(error.getMessage()));
            String message = String.valueOf(error.getMessage());
            return provider.find() ? message.substring(provider.end()).strip() : message;
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
