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
        } catch (ServiceConfigurationError | LinkageError e) {
            String name = e instanceof ServiceConfigurationError ? provider(service, e.getMessage()) : "";
            String where = listing(service, classLoader, name).orElse("a plug-in jar");
            throw new PluginException(where + " lists the " + service.getSimpleName() + " "
                    + (name.isEmpty() ? "" : name + " ") + "that cannot be loaded: " + cause(e, name)
                    + "; fix or remove the jar (its META-INF/services/" + service.getName() + " names it)", e);
        }
        return providers;
    }

    /**
     * The provider class a {@link ServiceLoader} error names: its message is {@code SERVICE: Provider CLASS ...} or
     * {@code SERVICE: CLASS ...}; empty when it is neither.
     */
    private static String provider(Class<?> service, String message) {
        String prefix = service.getName() + ": ";
        if (message == null || !message.startsWith(prefix)) {
            return "";
        }
        Matcher words = PROVIDER.matcher(message.substring(prefix.length()));
        return words.lookingAt() ? words.group(1) : message.substring(prefix.length()).split(" ", 2)[0];
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
        } catch (URISyntaxException | RuntimeException e) {
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
            } catch (URISyntaxException | RuntimeException e) {
                return "plug-in " + jar;
            }
        }
        return serviceFile.toString();
    }

    /**
     * What went wrong in the plug-in's code: the innermost cause's class and message, or, without a cause, the
     * loader's own words after the provider's name.
     */
    private static String cause(Throwable error, String provider) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != error || !(error instanceof ServiceConfigurationError)) {
            return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        }
        String message = String.valueOf(error.getMessage());
        int after = provider.isEmpty() ? -1 : message.indexOf(provider);
        return after < 0 ? message : message.substring(after + provider.length()).strip();
    }
}
