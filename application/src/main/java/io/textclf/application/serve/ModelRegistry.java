package io.textclf.application.serve;

import io.textclf.modelformat.AtomicFiles;
import io.textclf.modelformat.ModelFileException;
import io.textclf.application.predict.ClassifierLoader;
import io.textclf.application.predict.LoadedClassifier;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.text.UnknownTokenizerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The models a server serves, from a models directory laid out as {@code <name>/<version>.textclf}
 * (versions are positive integers, as TensorFlow Serving's numbered version folders). The versions
 * the {@link VersionPolicy} selects are loaded at {@link #open}; {@link #refresh} (called by a
 * poller) serves versions added on disk and unloads removed ones; {@link #reserve} and
 * {@link #register} add versions made while serving. Files that do not follow the layout (hidden
 * files, {@code .part} leftovers of atomic writes) are never read, and a file is served only once
 * its checksum verifies, so a file still being copied is not loaded. The estimated memory of the
 * loaded versions never exceeds the bound: a version that would pass it is refused with
 * {@link ModelMemoryException}.
 *
 * <p>Thread-safe: lookups are lock-free and may run concurrently with loads and unloads. An
 * unloaded version is closed at the first {@link #refresh} or {@link #register} at least one
 * {@link #RETIRE_GRACE} later, so calls that resolved it finish.
 * The default model is the configured one, else the only model when there is exactly one.
 */
public final class ModelRegistry implements AutoCloseable {

    /** Model file name extension. */
    public static final String EXTENSION = ".textclf";

    /** How long an unloaded version stays open for calls that already hold it. */
    public static final Duration RETIRE_GRACE = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(ModelRegistry.class.getName());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern VERSION_FILE = Pattern.compile("([1-9][0-9]{0,17})" + Pattern.quote(EXTENSION));
    /** Named like a version file, but not one: {@code 0}, leading zeros, more than 18 digits. */
    private static final Pattern NUMBERED_FILE = Pattern.compile("[0-9]+" + Pattern.quote(EXTENSION));

    private final Path modelsDir;
    private final ClassifierLoader loader;
    private final RegistrySettings settings;
    private final ConcurrentMap<String, ConcurrentSkipListMap<Long, ServedModel>> models = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> reserved = new HashMap<>();
    /** Models whose folder did not exist when their first version was reserved: a run that fails removes it. */
    private final Set<String> folderless = new HashSet<>();
    private final Map<Path, Refusal> refused = new HashMap<>();
    /** The state of each served version's file when it was loaded: a file replaced since is loaded again. */
    private final Map<Path, FileState> servedStates = new HashMap<>();
    /** Whether the models directory was missing at the last poll (said once, not at every poll). */
    private boolean directoryMissing;
    private final List<Retired> retired = new ArrayList<>();
    /** Whether the models of the start are loaded: from then on a second model beside the only one is news. */
    private boolean started;
    /** Files named like versions that are none, each reported once while it is there. */
    private final Set<Path> misnamed = new HashSet<>();

    private ModelRegistry(Path modelsDir, ClassifierLoader loader, RegistrySettings settings) {
        this.modelsDir = modelsDir;
        this.loader = loader;
        this.settings = settings;
    }

    /** Serves every version under {@code modelsDir}, with no memory bound. See {@link #open(Path, ClassifierLoader, RegistrySettings)}. */
    public static ModelRegistry open(Path modelsDir, ClassifierLoader loader, String backend,
                                     Optional<String> defaultModel) {
        return open(modelsDir, loader, RegistrySettings.all(backend, defaultModel));
    }

    /**
     * Loads the versions under {@code modelsDir} that the policy selects, creating the folder if it
     * is missing.
     *
     * @throws ModelFileException   when a model file cannot be loaded (the message names it)
     * @throws ModelMemoryException when the selected versions do not fit the memory bound
     */
    public static ModelRegistry open(Path modelsDir, ClassifierLoader loader, RegistrySettings settings) {
        settings.defaultModel().ifPresent(ModelRegistry::checkName);
        ModelRegistry registry = new ModelRegistry(modelsDir.toAbsolutePath().normalize(), loader, settings);
        try {
            synchronized (registry) {
                registry.synchronize(true);
                registry.started = true;
            }
            if (settings.defaultModel().isEmpty() && registry.versions().size() > 1) {
                LOG.log(System.Logger.Level.INFO, "serving models " + registry.describeNames()
                        + " and no default model: calls that name no model are refused (--default-model names one)");
            }
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

    /**
     * Refuses, before a model is trained for it, a name no version can be saved under: not a model name, or one
     * the models directory holds a file (not a folder) of.
     *
     * @throws IllegalArgumentException saying which
     */
    public void requireTrainable(String name) {
        checkName(name);
        Path folder = modelsDir.resolve(name);
        if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("model '" + name + "' cannot be saved: the models directory holds a "
                    + "file of that name where its folder of versions would be; choose another model_name");
        }
    }

    public Path modelsDir() {
        return modelsDir;
    }

    public RegistrySettings settings() {
        return settings;
    }

    /**
     * The model that answers a call.
     *
     * @param name    model name; empty for the default model
     * @param version version; empty for the newest
     * @throws ModelNotFoundException   when there is no such model or version
     * @throws IllegalArgumentException when no name is given and there is no default model, or the name is not one a
     *                                  model can have ({@link #checkName})
     */
    public ServedModel resolve(String name, OptionalLong version) {
        if (!name.isEmpty()) {
            checkName(name);
        }
        String resolvedName = name.isEmpty() ? defaultName() : name;
        ConcurrentSkipListMap<Long, ServedModel> versions = models.get(resolvedName);
        Map.Entry<Long, ServedModel> newest = versions == null ? null : versions.lastEntry();
        if (newest == null) {
            throw new ModelNotFoundException("no model named '" + resolvedName + "' is served (served: "
                    + describeNames() + ")");
        }
        if (version.isEmpty()) {
            return newest.getValue();
        }
        ServedModel model = versions.get(version.getAsLong());
        if (model == null) {
            long wanted = version.getAsLong();
            String missing = Files.isRegularFile(modelsDir.resolve(resolvedName).resolve(wanted + EXTENSION))
                    ? "version " + wanted + " is on disk but not served (" + whyNotServed(resolvedName, wanted) + ")"
                    : "has no version " + wanted;
            throw new ModelNotFoundException("model '" + resolvedName + "' " + missing + " (versions: "
                    + versions.keySet() + ")");
        }
        return model;
    }

    /** Why version {@code version} of {@code name}, whose file is on disk, is not served. */
    private String whyNotServed(String name, long version) {
        NavigableSet<Long> onDisk = listDisk(new HashSet<>()).getOrDefault(name, new TreeMap<>()).navigableKeySet();
        return settings.policy().select(onDisk).contains(version)
                ? "not loaded: refused (the log says why), or copied in since the last poll"
                : "the version policy " + settings.policy() + " leaves it out";
    }

    /** The default model's name, if there is one now. */
    public Optional<String> defaultModel() {
        if (settings.defaultModel().isPresent()) {
            return settings.defaultModel();
        }
        List<String> names = versions().keySet().stream().toList();
        return names.size() == 1 ? Optional.of(names.get(0)) : Optional.empty();
    }

    /** Served versions by model name, names and versions ascending. */
    public SortedMap<String, List<Long>> versions() {
        SortedMap<String, List<Long>> result = new TreeMap<>();
        models.forEach((name, versions) -> {
            List<Long> served = List.copyOf(versions.keySet());
            if (!served.isEmpty()) {
                result.put(name, served);
            }
        });
        return result;
    }

    /** Whether at least one model version is served. */
    public boolean hasModels() {
        return models.values().stream().anyMatch(versions -> !versions.isEmpty());
    }

    /** Estimated bytes of every served version ({@link ModelFootprint}). */
    public long footprintBytes() {
        long bytes = 0;
        for (ConcurrentSkipListMap<Long, ServedModel> versions : models.values()) {
            for (ServedModel model : versions.values()) {
                bytes += model.footprintBytes();
            }
        }
        return bytes;
    }

    /**
     * Brings the served versions in line with the disk and the policy: loads the versions added,
     * unloads the ones removed or left out, closes versions unloaded more than {@link #RETIRE_GRACE}
     * ago. A file that cannot be loaded (corrupt, still being copied, over the memory bound) is
     * reported to the listener once (not again while it changes, as a copy under way does) and tried again once it
     * changes or, refused for the memory bound, once less memory is served; a served version whose file is replaced
     * is loaded again (and keeps serving what it served when the new file cannot be loaded). While the models
     * directory is missing (moved away, say), nothing changes and it is not made again.
     */
    public synchronized void refresh() {
        closeRetired(System.nanoTime() - RETIRE_GRACE.toNanos());
        if (!Files.isDirectory(modelsDir)) {
            if (!directoryMissing) {
                directoryMissing = true;
                LOG.log(System.Logger.Level.WARNING, "the models directory " + modelsDir + " is gone: the versions "
                        + "loaded are served on, and the directory is read again once it is back");
            }
            return;
        }
        if (directoryMissing) {
            directoryMissing = false;
            LOG.log(System.Logger.Level.INFO, "the models directory " + modelsDir + " is back");
        }
        synchronize(false);
    }

    /**
     * Reserves the next version of {@code name} (one more than any version on disk, served or still
     * reserved) for a model that is about to be made; the file does not exist yet. Each reservation
     * ends with {@link #register} or {@link #release}.
     *
     * @throws IllegalArgumentException when {@code name} is not a valid model name, or no model can be saved under it
     */
    public synchronized Reservation reserve(String name) {
        requireTrainable(name);
        long newest = 0;
        ConcurrentSkipListMap<Long, ServedModel> versions = models.get(name);
        if (versions != null && !versions.isEmpty()) {
            newest = versions.lastKey();
        }
        NavigableSet<Long> onDisk = listDisk(new HashSet<>()).getOrDefault(name, new TreeMap<>()).navigableKeySet();
        if (!onDisk.isEmpty()) {
            newest = Math.max(newest, onDisk.last());
        }
        Set<Long> held = reserved.computeIfAbsent(name, key -> new HashSet<>());
        for (long version : held) {
            newest = Math.max(newest, version);
        }
        long version = newest + 1;
        held.add(version);
        Path folder = modelsDir.resolve(name);
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            folderless.add(name);
        }
        return new Reservation(name, version, folder.resolve(version + EXTENSION));
    }

    /**
     * Serves a reserved version from its file, now written, and unloads the versions the policy
     * leaves out once it is there (a server that trains again and again keeps only those). Nothing is
     * unloaded when the new version cannot be loaded.
     *
     * @return the version, served unless the policy leaves it out
     * @throws ModelFileException   when the file cannot be loaded (the reservation then still holds)
     * @throws ModelMemoryException when it does not fit the memory bound (the reservation then still holds)
     */
    public synchronized ServedModel register(Reservation reservation) {
        closeRetired(System.nanoTime() - RETIRE_GRACE.toNanos());
        SortedSet<Long> selected = selectedWith(reservation);
        FileState state = FileState.of(reservation.file());
        ServedModel model = load(reservation.name(), reservation.version(), reservation.file(),
                takenBeside(reservation.name(), selected));
        retireOutside(reservation.name(), selected, "the version policy " + settings.policy() + " leaves it out");
        if (selected.contains(reservation.version())) {
            serve(model, state);
        } else {
            retired.add(new Retired(model, System.nanoTime()));
            LOG.log(System.Logger.Level.INFO, "model " + reservation.name() + " version " + reservation.version()
                    + " saved but not served: the version policy " + settings.policy() + " leaves it out");
        }
        folderless.remove(reservation.name());
        release(reservation);
        return model;
    }

    /**
     * Refuses, before a reserved version is trained, a model of {@code footprint} bytes ({@link ModelFootprint})
     * that {@link #register} would refuse once it is made: it counts the served versions but those of the same model
     * that the version policy leaves out once the reserved version is on disk.
     *
     * @throws ModelMemoryException naming the model, its size and the bound
     */
    public synchronized void requireRoomFor(Reservation reservation, long footprint) {
        requireFits(reservation.name(), reservation.version(), footprint,
                takenBeside(reservation.name(), selectedWith(reservation)), " (refused before training)");
    }

    /** Estimated bytes of the served versions once those of {@code name} outside {@code selected} are unloaded. */
    private long takenBeside(String name, SortedSet<Long> selected) {
        long taken = 0;
        for (ConcurrentSkipListMap<Long, ServedModel> versions : models.values()) {
            for (ServedModel model : versions.values()) {
                if (!model.name().equals(name) || selected.contains(model.version())) {
                    taken += model.footprintBytes();
                }
            }
        }
        return taken;
    }

    /** The versions of the reservation's model that the policy serves once the reserved one is on disk. */
    private SortedSet<Long> selectedWith(Reservation reservation) {
        NavigableSet<Long> onDisk = new TreeSet<>(listDisk(new HashSet<>())
                .getOrDefault(reservation.name(), new TreeMap<>()).navigableKeySet());
        onDisk.add(reservation.version());
        return settings.policy().select(onDisk);
    }

    private void requireFits(String name, long version, long footprint, long taken, String when) {
        if (footprint > settings.maxModelBytes() - taken) {
            throw new ModelMemoryException("model " + name + " version " + version + " needs about "
                    + ModelFootprint.readable(footprint) + " but loaded models take "
                    + ModelFootprint.readable(taken) + " of the " + ModelFootprint.readable(settings.maxModelBytes())
                    + " bound (--max-model-memory)" + when + ": narrow the version policy, remove versions, raise the "
                    + "bound or train a smaller model (max_tokens, embed_dim, buckets)");
        }
    }

    /**
     * Gives up a reservation whose model was not made; its version may be reserved again. When no reservation of
     * the model is left and its folder did not exist before the first one, the folder goes too if it is empty (a
     * first run that failed leaves no trace).
     */
    public synchronized void release(Reservation reservation) {
        Set<Long> held = reserved.get(reservation.name());
        if (held != null) {
            held.remove(reservation.version());
        }
        if ((held == null || held.isEmpty()) && folderless.remove(reservation.name())) {
            try {
                Files.deleteIfExists(reservation.file().getParent());
            } catch (IOException notEmpty) {
                // files of that model came in meanwhile (copied by hand, say): the folder stays
            }
        }
    }

    /** Closes every loaded model. Call only when no lookup can still use them. */
    @Override
    public synchronized void close() {
        closeRetired(Long.MAX_VALUE);
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
     * @param file    the version's model file, put in place by {@link #publish}
     */
    public record Reservation(String name, long version, Path file) {

        /**
         * Where the model is written before {@link #publish} puts it in place: a hidden part file beside {@link #file}
         * (never read as a version; one a killed server left is removed at the next start, as any part file).
         */
        public Path stagingFile() {
            return file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + "-0.part");
        }
    }

    /**
     * Puts the model written to the reservation's {@link Reservation#stagingFile} in place as its version, or as the
     * next free one when a file of that version came in meanwhile (copied in by hand while the model trained): an
     * existing version file is never replaced.
     *
     * @return the reservation the model holds now: {@code reservation}, or one of a later version
     * @throws UncheckedIOException when the file cannot be put in place (the reservation then still holds)
     */
    public synchronized Reservation publish(Reservation reservation) {
        Reservation target = reservation;
        try {
            while (!linkNew(reservation.stagingFile(), target.file())) {
                Reservation next = reserve(target.name());
                LOG.log(System.Logger.Level.WARNING, "model " + target.name() + " version " + target.version()
                        + ": " + target.file() + " came in while a Train job held that version; the trained model is "
                        + "version " + next.version());
                if (target != reservation) {
                    release(target);
                }
                target = next;
            }
            Files.deleteIfExists(reservation.stagingFile());
        } catch (IOException e) {
            if (target != reservation) {
                release(target);
            }
            throw new UncheckedIOException("cannot put model " + reservation.name() + " in place as "
                    + target.file() + ": " + AtomicFiles.reason(e, target.file()), e);
        }
        if (target != reservation) {
            release(reservation);
        }
        return target;
    }

    /**
     * Makes {@code file} a name of {@code written} unless {@code file} exists: a hard link, which never replaces a
     * file; where the file system has none, a move that does not replace either (checked just before).
     *
     * @return false when {@code file} exists
     */
    private static boolean linkNew(Path written, Path file) throws IOException {
        try {
            Files.createLink(file, written);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException noLinks) {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            Files.move(written, file);
            return true;
        }
    }

    /** Size, modification time and identity (an inode) of a version file; all unknown when it cannot be read. */
    private record FileState(long size, long modified, Object key) {
        static final FileState UNREADABLE = new FileState(-1, -1, null);

        static FileState of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileState(attributes.size(), attributes.lastModifiedTime().toMillis(), attributes.fileKey());
            } catch (IOException e) {
                return UNREADABLE;
            }
        }
    }

    /**
     * A file that could not be loaded: its state then and, refused for the memory bound, the bytes served then
     * (-1 for a file refused for what it holds).
     */
    private record Refusal(FileState state, long servedBytes) {
    }

    private record Retired(ServedModel model, long since) {
    }

    /**
     * For each model, the policy picks among its files but those refused before and unchanged since and those of
     * versions being trained (which {@link #register} serves once they are made); a picked
     * version that fails to load is left out and the policy picks again, so that a file still being copied, or
     * corrupt, never pushes a served version out. The versions picked are loaded first, then the others unloaded.
     *
     * @param strict whether a file that cannot be loaded fails the call (at start) or is reported
     */
    private void synchronize(boolean strict) {
        Set<Path> misnamedNow = new HashSet<>();
        Map<String, TreeMap<Long, Path>> disk = listDisk(misnamedNow);
        reportMisnamed(misnamedNow);
        refused.keySet().removeIf(file -> !Files.exists(file, LinkOption.NOFOLLOW_LINKS));
        Set<String> names = new TreeSet<>(models.keySet());
        names.addAll(disk.keySet());
        for (String name : names) {
            TreeMap<Long, Path> files = new TreeMap<>(disk.getOrDefault(name, new TreeMap<>()));
            reloadReplaced(name, files);
            // the versions whose file is gone are unloaded below: a version refused for the memory bound may fit now
            long freed = models.getOrDefault(name, new ConcurrentSkipListMap<>()).values().stream()
                    .filter(model -> !files.containsKey(model.version())).mapToLong(ServedModel::footprintBytes).sum();
            files.entrySet().removeIf(file -> !serves(name, file.getKey()) && waits(file.getValue(), freed));
            files.keySet().removeAll(reserved.getOrDefault(name, Set.of()));
            SortedSet<Long> selected = settings.policy().select(files.navigableKeySet());
            Optional<Long> failed = loadMissing(name, selected, files, strict);
            while (failed.isPresent()) {
                files.remove(failed.get());
                selected = settings.policy().select(files.navigableKeySet());
                failed = loadMissing(name, selected, files, strict);
            }
            retireOutside(name, selected, "the version policy " + settings.policy()
                    + " leaves it out or its file is gone");
        }
    }

    /** Loads the selected versions not yet served, newest first; the first that fails, if any. */
    private Optional<Long> loadMissing(String name, SortedSet<Long> selected, Map<Long, Path> files, boolean strict) {
        for (long version : new TreeSet<>(selected).descendingSet()) {
            if (!serves(name, version)
                    && !tryLoad(name, version, files.get(version), takenBeside(name, selected), strict)) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }

    /** Whether version {@code version} of model {@code name} is served now. */
    public boolean serves(String name, long version) {
        ConcurrentSkipListMap<Long, ServedModel> served = models.get(name);
        return served != null && served.containsKey(version);
    }

    /**
     * Whether {@code file}, refused before, is not to be tried now: unchanged since, unless it was refused for the
     * memory bound and less is served now, or will be once {@code freed} bytes of versions are unloaded.
     */
    private boolean waits(Path file, long freed) {
        Refusal refusal = refused.get(file);
        return refusal != null && FileState.of(file).equals(refusal.state())
                && (refusal.servedBytes() < 0 || footprintBytes() - freed >= refusal.servedBytes());
    }

    /**
     * Loads again the served versions of {@code name} whose file was replaced; one that cannot be loaded keeps serving
     * the model loaded before, and is tried again as any refused file is.
     */
    private void reloadReplaced(String name, Map<Long, Path> files) {
        ConcurrentSkipListMap<Long, ServedModel> served = models.get(name);
        if (served == null) {
            return;
        }
        for (ServedModel model : List.copyOf(served.values())) {
            Path file = files.get(model.version());
            if (file == null || FileState.of(file).equals(servedStates.get(file)) || waits(file, 0)) {
                continue;
            }
            long taken = footprintBytes() - model.footprintBytes();
            boolean refusedBefore = refused.containsKey(file);
            if (tryLoad(name, model.version(), file, taken, false)) {
                retired.add(new Retired(model, System.nanoTime()));
                LOG.log(System.Logger.Level.INFO, "model " + name + " version " + model.version() + " loaded again: "
                        + "its file was replaced");
            } else if (!refusedBefore) {
                LOG.log(System.Logger.Level.WARNING, "model " + name + " version " + model.version() + " keeps serving "
                        + "the model loaded before its file was replaced");
            }
        }
    }

    /** Serves a version; whether it could be loaded (a failure is reported, or thrown when {@code strict}). */
    private boolean tryLoad(String name, long version, Path file, long taken, boolean strict) {
        FileState state = FileState.of(file);
        try {
            serve(load(name, version, file, taken), state);
            refused.remove(file);
            return true;
        } catch (ModelFileException | ModelMemoryException | UnknownTokenizerException e) {
            if (strict) {
                throw e;
            }
            // a file refused again, having changed since (a slow copy, polled as it grows), is not reported again
            if (refused.put(file, new Refusal(state, e instanceof ModelMemoryException ? footprintBytes() : -1))
                    == null) {
                settings.listener().refused(name, version, e.getMessage());
                LOG.log(System.Logger.Level.WARNING, "model " + name + " version " + version + " not served: "
                        + e.getMessage());
            }
            return false;
        }
    }

    /** Serves {@code model}, whose file was in {@code state} when it was read. */
    private void serve(ServedModel model, FileState state) {
        Optional<String> implicitDefault = settings.defaultModel().isEmpty() ? defaultModel() : Optional.empty();
        models.computeIfAbsent(model.name(), key -> new ConcurrentSkipListMap<>()).put(model.version(), model);
        servedStates.put(model.file(), state);
        if (started && implicitDefault.isPresent() && !implicitDefault.get().equals(model.name())) {
            LOG.log(System.Logger.Level.WARNING, "model " + model.name() + " is served beside " + implicitDefault.get()
                    + ": calls that name no model are refused from now on; set --default-model to keep one");
        }
        LOG.log(System.Logger.Level.INFO, "model " + model.name() + " version " + model.version() + " served from "
                + model.file().getFileName() + " (about " + ModelFootprint.readable(model.footprintBytes()) + ")");
    }

    private void retireOutside(String name, SortedSet<Long> selected, String reason) {
        ConcurrentSkipListMap<Long, ServedModel> versions = models.get(name);
        if (versions == null) {
            return;
        }
        for (Iterator<ServedModel> it = versions.values().iterator(); it.hasNext(); ) {
            ServedModel model = it.next();
            if (!selected.contains(model.version())) {
                it.remove();
                servedStates.remove(model.file());
                retired.add(new Retired(model, System.nanoTime()));
                settings.listener().unloaded(model, reason);
                LOG.log(System.Logger.Level.INFO, "model " + name + " version " + model.version() + " unloaded: "
                        + reason);
            }
        }
        models.computeIfPresent(name, (key, remaining) -> remaining.isEmpty() ? null : remaining);
    }

    private void closeRetired(long retiredBefore) {
        for (Iterator<Retired> it = retired.iterator(); it.hasNext(); ) {
            Retired entry = it.next();
            if (entry.since() - retiredBefore <= 0) {
                entry.model().loaded().close();
                it.remove();
            }
        }
    }

    /** Loads a version, refused when it does not fit the memory bound beside {@code taken} bytes of others. */
    private ServedModel load(String name, long version, Path file, long taken) {
        long started = System.nanoTime();
        ModelArtifact artifact = loader.read(file);
        long footprint = ModelFootprint.estimate(artifact);
        requireFits(name, version, footprint, taken, "");
        LoadedClassifier loaded = loader.open(artifact, file, settings.backend());
        ServedModel model = new ServedModel(name, version, file, loaded, footprint);
        settings.listener().loaded(model, Duration.ofNanos(System.nanoTime() - started));
        return model;
    }

    /**
     * Says once of each file named like a version but not one ({@code 0.textclf}, {@code 01.textclf}, 19 digits)
     * that it is not served and why: it is no candidate, and an operator would otherwise wonder.
     */
    private void reportMisnamed(Set<Path> now) {
        misnamed.retainAll(now);
        for (Path file : now) {
            if (misnamed.add(file)) {
                String name = file.getParent().getFileName().toString();
                String reason = "its name " + file.getFileName() + " is no version: versions are whole numbers from 1 "
                        + "to 18 digits, without leading zeros";
                settings.listener().refused(name, 0, reason);
                LOG.log(System.Logger.Level.WARNING, "model " + name + ": " + file + " not served: " + reason);
            }
        }
    }

    /**
     * Version files by model name and version; entries off the layout are left out, and those named like a version
     * that is none go into {@code misnamed}.
     */
    private Map<String, TreeMap<Long, Path>> listDisk(Set<Path> misnamed) {
        Map<String, TreeMap<Long, Path>> result = new TreeMap<>();
        try {
            Files.createDirectories(modelsDir);
            try (DirectoryStream<Path> folders = Files.newDirectoryStream(modelsDir, Files::isDirectory)) {
                for (Path folder : folders) {
                    String name = folder.getFileName().toString();
                    if (isValidName(name)) {
                        TreeMap<Long, Path> files = listVersions(folder, misnamed);
                        if (!files.isEmpty()) {
                            result.put(name, files);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read models directory " + modelsDir + ": "
                    + AtomicFiles.reason(e, modelsDir), e);
        }
        return result;
    }

    private static TreeMap<Long, Path> listVersions(Path folder, Set<Path> misnamed) throws IOException {
        TreeMap<Long, Path> files = new TreeMap<>();
        // every entry named as a version, files or not: one that is no model file (a folder, a link to nothing) is
        // refused, and said so, as a corrupt file is
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path file : entries) {
                Matcher matcher = VERSION_FILE.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    files.put(Long.parseLong(matcher.group(1)), file);
                } else if (NUMBERED_FILE.matcher(file.getFileName().toString()).matches()) {
                    misnamed.add(file);
                }
            }
        }
        return files;
    }

    private String defaultName() {
        return defaultModel().orElseThrow(() -> !hasModels()
                ? new ModelNotFoundException("no model is served yet: train one, or put <name>/<version>"
                + EXTENSION + " files in the models directory")
                : new IllegalArgumentException("a model name is needed: this server serves " + describeNames()
                + " and has no default model (its operator can set one with --default-model)"));
    }

    private String describeNames() {
        SortedMap<String, List<Long>> versions = versions();
        return versions.isEmpty() ? "none" : String.join(", ", versions.keySet());
    }
}
