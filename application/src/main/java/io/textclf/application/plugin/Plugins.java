package io.textclf.application.plugin;

import io.textclf.domain.plugin.PluginException;
import io.textclf.domain.plugin.ServiceProviders;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Where service providers (tokenizers, compute backends) are looked up: textclf's own class path and
 * the jars of a plug-in folder, so that a jar from another project is used as it is, without rebuilding.
 *
 * @param classLoader the class loader {@link java.util.ServiceLoader} searches: the class path, then the plug-in jars
 * @param jars        the plug-in jars, in name order; empty without a plug-in folder
 */
public record Plugins(ClassLoader classLoader, List<Path> jars) {

    private static final String SERVICES = "META-INF/services/";
    /** The services textclf looks up in plug-ins; a jar's other service files are its libraries' business. */
    private static final Set<String> TEXTCLF_SERVICES = Set.of("io.textclf.domain.text.TokenizerFactory",
            "io.textclf.domain.backend.BackendFactory");

    /** The environment variable that names the plug-in folder. */
    public static final String FOLDER_ENV = "TEXTCLF_PLUGINS";

    public Plugins {
        jars = List.copyOf(jars);
    }

    /** The class path only: no plug-in jars. */
    public static Plugins builtIn() {
        return new Plugins(Plugins.class.getClassLoader(), List.of());
    }

    /**
     * The class path and the plug-in folder that {@value #FOLDER_ENV} names in {@code environment}, if any.
     *
     * @throws IllegalArgumentException when {@value #FOLDER_ENV} names something that is not a folder
     */
    public static Plugins fromEnvironment(Map<String, String> environment) {
        Optional<Path> folder = Optional.ofNullable(environment.get(FOLDER_ENV)).filter(v -> !v.isBlank()).map(Path::of);
        folder.filter(f -> !Files.isDirectory(f)).ifPresent(f -> {
            throw new IllegalArgumentException("the plug-in folder " + f + " ($" + FOLDER_ENV + ") is not a folder");
        });
        return fromFolder(folder);
    }

    /**
     * The class path and every {@code *.jar} directly in {@code folder}; no folder, or one that does not
     * exist, adds nothing.
     *
     * @throws UncheckedIOException naming the folder when it cannot be listed
     */
    public static Plugins fromFolder(Optional<Path> folder) {
        if (folder.isEmpty() || !Files.isDirectory(folder.get())) {
            return builtIn();
        }
        List<Path> jars;
        try (Stream<Path> entries = Files.list(folder.get())) {
            jars = entries.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plug-in folder " + folder.get() + ": " + e.getMessage(), e);
        }
        List<URL> urls = new ArrayList<>();
        Map<String, Path> providedBy = new HashMap<>();
        for (Path jar : jars) {
            for (String provider : providers(jar)) {
                Path first = providedBy.putIfAbsent(provider, jar);
                if (first != null) {
                    throw new PluginException("plug-ins " + first + " and " + jar + " both provide " + provider
                            + ": two versions of one plug-in? The first would be used and the other ignored; keep "
                            + "one", null);
                }
            }
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("plug-in " + jar + " has no URL: " + e.getMessage(), e);
            }
        }
        ClassLoader loader = new URLClassLoader("textclf-plugins", urls.toArray(URL[]::new),
                Plugins.class.getClassLoader());
        return new Plugins(loader, jars);
    }

    /**
     * The tokenizers and backends {@code jar}'s service files list that are not textclf's own, each once as
     * {@code service: class}. A file named {@code .jar} that is not one would be skipped by the class loader without
     * a word: it is refused.
     */
    private static Set<String> providers(Path jar) {
        Set<String> providers = new LinkedHashSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                String name = entry.getName();
                String service = name.startsWith(SERVICES) ? name.substring(SERVICES.length()) : "";
                if (TEXTCLF_SERVICES.contains(service) && !entry.isDirectory()) {
                    try (BufferedReader reader = new BufferedReader(new InputStreamReader(file.getInputStream(entry),
                            StandardCharsets.UTF_8))) {
                        reader.lines().map(line -> line.replaceFirst("#.*", "").strip())
                                .filter(provider -> !provider.isEmpty() && !builtIn(provider))
                                .forEach(provider -> providers.add(service + ": " + provider));
                    }
                }
            }
            return providers;
        } catch (IOException | UncheckedIOException e) {
            throw new PluginException("plug-in " + jar + " is not a readable jar (" + e.getMessage() + "): replace "
                    + "or remove it", e);
        }
    }

    /**
     * Every provider of {@code service} on the class path and in the plug-in jars.
     *
     * @throws io.textclf.domain.plugin.PluginException when a plug-in lists a provider that cannot be loaded
     */
    public <T> List<T> load(Class<T> service) {
        return ServiceProviders.load(service, classLoader);
    }

    /** The plug-in jar {@code provider}'s class came from, or {@code built-in} when it is textclf's own. */
    public String origin(Object provider) {
        CodeSource source = provider.getClass().getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "built-in";
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            return jars.stream().filter(jar -> sameFile(jar, location)).findFirst()
                    .map(Path::toString).orElse("built-in");
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "built-in";
        }
    }

    private static boolean sameFile(Path jar, Path location) {
        return jar.toAbsolutePath().normalize().equals(location.toAbsolutePath().normalize());
    }

    /** Whether textclf's own class path has {@code className}: a jar that bundles it adds no plug-in of its own. */
    private static boolean builtIn(String className) {
        return Plugins.class.getClassLoader().getResource(className.replace('.', '/') + ".class") != null;
    }

    /** For messages: where plug-ins are looked for. */
    public static String howToAdd() {
        return "put its jar in the plug-in folder ($" + FOLDER_ENV + ", or plugins/ beside the installation)";
    }
}
