package io.textclf.application.serve;

import io.textclf.modelformat.ModelFileException;
import io.textclf.application.predict.ClassifierLoader;
import io.textclf.application.predict.LoadedClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The models a server serves, from a models directory laid out as {@code <name>/<version>.textclf}
 * (versions are positive integers, as TensorFlow Serving's numbered version folders). Every version
 * found at {@link #open} is loaded; {@link #reserve} and {@link #register} add new versions while
 * serving, without a restart.
 *
 * <p>Thread-safe: lookups are lock-free and may run concurrently with registrations. The default
 * model is the configured one, else the only model when there is exactly one.
 */
public final class ModelRegistry implements AutoCloseable {

    /** Model file name extension. */
    public static final String EXTENSION = ".textclf";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern VERSION_FILE = Pattern.compile("([1-9][0-9]{0,17})" + Pattern.quote(EXTENSION));

    private final Path modelsDir;
    private final ClassifierLoader loader;
    private final String backend;
    private final Optional<String> configuredDefault;
    private final ConcurrentMap<String, ConcurrentSkipListMap<Long, ServedModel>> models = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> reserved = new HashMap<>();

    private ModelRegistry(Path modelsDir, ClassifierLoader loader, String backend, Optional<String> defaultModel) {
        this.modelsDir = modelsDir;
        this.loader = loader;
        this.backend = backend;
        this.configuredDefault = defaultModel;
    }

    /**
     * Loads every model version under {@code modelsDir}, creating the folder if it is missing.
     * Entries that do not follow the layout (hidden files, {@code .part} leftovers) are ignored.
     *
     * @param backend      compute backend the models run on
     * @param defaultModel the model that answers when a call names none
     * @throws ModelFileException when a model file cannot be loaded (the message names it)
     */
    public static ModelRegistry open(Path modelsDir, ClassifierLoader loader, String backend,
                                     Optional<String> defaultModel) {
        defaultModel.ifPresent(ModelRegistry::checkName);
        ModelRegistry registry = new ModelRegistry(modelsDir.toAbsolutePath().normalize(), loader, backend,
                defaultModel);
        try {
            registry.scan();
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** Whether {@code name} is a valid model name: letters, digits, '.', '_', '-', at most 64, not starting with a dot. */
    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    /** @throws IllegalArgumentException when {@code name} is not a valid model name */
    public static void checkName(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("model name '" + name + "' is not allowed: use 1 to 64 letters, "
                    + "digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    public Path modelsDir() {
        return modelsDir;
    }

    /**
     * The model that answers a call.
     *
     * @param name    model name; empty for the default model
     * @param version version; empty for the newest
     * @throws ModelNotFoundException   when there is no such model or version
     * @throws IllegalArgumentException when no name is given and there is no default model
     */
    public ServedModel resolve(String name, OptionalLong version) {
        String resolvedName = name.isEmpty() ? defaultName() : name;
        ConcurrentSkipListMap<Long, ServedModel> versions = models.get(resolvedName);
        if (versions == null || versions.isEmpty()) {
            throw new ModelNotFoundException("no model named '" + resolvedName + "' is served (served: "
                    + describeNames() + ")");
        }
        if (version.isEmpty()) {
            return versions.lastEntry().getValue();
        }
        ServedModel model = versions.get(version.getAsLong());
        if (model == null) {
            throw new ModelNotFoundException("model '" + resolvedName + "' has no version " + version.getAsLong()
                    + " (versions: " + versions.keySet() + ")");
        }
        return model;
    }

    /** The default model's name, if there is one now. */
    public Optional<String> defaultModel() {
        if (configuredDefault.isPresent()) {
            return configuredDefault;
        }
        List<String> names = new ArrayList<>(models.keySet());
        return names.size() == 1 ? Optional.of(names.get(0)) : Optional.empty();
    }

    /** Served versions by model name, names and versions ascending. */
    public SortedMap<String, List<Long>> versions() {
        SortedMap<String, List<Long>> result = new TreeMap<>();
        models.forEach((name, versions) -> {
            if (!versions.isEmpty()) {
                result.put(name, List.copyOf(versions.keySet()));
            }
        });
        return result;
    }

    /** Whether at least one model version is served. */
    public boolean hasModels() {
        return models.values().stream().anyMatch(versions -> !versions.isEmpty());
    }

    /**
     * Reserves the next version of {@code name} (one more than any served or still reserved version)
     * for a model that is about to be made; the file does not exist yet. Each reservation ends with
     * {@link #register} or {@link #release}.
     *
     * @throws IllegalArgumentException when {@code name} is not a valid model name
     */
    public synchronized Reservation reserve(String name) {
        checkName(name);
        ConcurrentSkipListMap<Long, ServedModel> versions = models.get(name);
        long newest = versions == null || versions.isEmpty() ? 0 : versions.lastKey();
        Set<Long> held = reserved.computeIfAbsent(name, key -> new HashSet<>());
        for (long version : held) {
            newest = Math.max(newest, version);
        }
        long version = newest + 1;
        held.add(version);
        return new Reservation(name, version, modelsDir.resolve(name).resolve(version + EXTENSION));
    }

    /**
     * Loads a reserved version from its file, now written, and serves it.
     *
     * @throws ModelFileException when the file cannot be loaded (the reservation then still holds)
     */
    public ServedModel register(Reservation reservation) {
        ServedModel model = load(reservation.name(), reservation.version(), reservation.file());
        synchronized (this) {
            models.computeIfAbsent(reservation.name(), key -> new ConcurrentSkipListMap<>())
                    .put(reservation.version(), model);
            release(reservation);
        }
        return model;
    }

    /** Gives up a reservation whose model was not made; its version may be reserved again. */
    public synchronized void release(Reservation reservation) {
        Set<Long> held = reserved.get(reservation.name());
        if (held != null) {
            held.remove(reservation.version());
        }
    }

    /** Closes every loaded model. Call only when no lookup can still use them. */
    @Override
    public void close() {
        for (ConcurrentSkipListMap<Long, ServedModel> versions : models.values()) {
            versions.values().forEach(model -> model.loaded().close());
            versions.clear();
        }
        models.clear();
    }

    /**
     * A version number held for a model being made.
     *
     * @param name    model name
     * @param version the version it will get
     * @param file    where its model file must be written
     */
    public record Reservation(String name, long version, Path file) {
    }

    private void scan() {
        try {
            Files.createDirectories(modelsDir);
            try (DirectoryStream<Path> folders = Files.newDirectoryStream(modelsDir, Files::isDirectory)) {
                for (Path folder : folders) {
                    String name = folder.getFileName().toString();
                    if (isValidName(name)) {
                        scanModel(name, folder);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read models directory " + modelsDir + ": " + e.getMessage(), e);
        }
    }

    private void scanModel(String name, Path folder) throws IOException {
        ConcurrentSkipListMap<Long, ServedModel> versions = new ConcurrentSkipListMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, Files::isRegularFile)) {
            for (Path file : files) {
                Matcher matcher = VERSION_FILE.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    long version = Long.parseLong(matcher.group(1));
                    versions.put(version, load(name, version, file));
                }
            }
        }
        if (!versions.isEmpty()) {
            models.put(name, versions);
        }
    }

    private ServedModel load(String name, long version, Path file) {
        LoadedClassifier loaded = loader.load(file, backend);
        return new ServedModel(name, version, file, loaded);
    }

    private String defaultName() {
        return defaultModel().orElseThrow(() -> models.isEmpty()
                ? new ModelNotFoundException("no model is served yet: train one, or put <name>/<version>"
                + EXTENSION + " files in the models directory and restart")
                : new IllegalArgumentException("a model name is needed: this server serves " + describeNames()
                + " and has no default model"));
    }

    private String describeNames() {
        SortedMap<String, List<Long>> versions = versions();
        return versions.isEmpty() ? "none" : String.join(", ", versions.keySet());
    }
}
