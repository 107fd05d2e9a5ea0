package io.textclf.modelformat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Temporary files that become their target by an atomic rename, readable like any file the user writes. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Fills a temporary file that then replaces the target. */
    @FunctionalInterface
    public interface Filler {
        void fill(Path temporary) throws IOException;
    }

    /**
     * Writes {@code target} through a temporary sibling that {@code filler} fills and that is then renamed
     * over {@code target} atomically: readers see the old file or the whole new one, and a failure
     * leaves no temporary file behind. A file replaced keeps its permissions; one this process may not
     * write is refused, as {@code cp} refuses it. What killed writes to the same target left behind goes
     * with the new file ({@link StaleParts#removeLeftoversOf}).
     *
     * @throws AccessDeniedException           when {@code target} exists and this process may not write it
     * @throws AtomicMoveNotSupportedException when the file system cannot rename atomically
     */
    public static void replace(Path target, Filler filler) throws IOException {
        replaceTogether(List.of(new Write(target, filler)));
    }

    /** One file of {@link #replaceTogether}: where it goes and what fills it. */
    public record Write(Path target, Filler filler) {
    }

    /**
     * {@link #replace} for files that belong together (a model and the file that describes its inputs): every
     * temporary file is filled before the first rename, and the renames follow one another in {@code writes}' order,
     * so a failure while filling leaves every target as it was, and only a crash between two renames (a moment, not
     * the time a file takes to write) can pair a new file with an old one.
     */
    public static void replaceTogether(List<Write> writes) throws IOException {
        List<Path> targets = new ArrayList<>();
        for (Write write : writes) {
            targets.add(throughLinks(write.target()));
            requireReplaceable(targets.get(targets.size() - 1));
        }
        List<Path> temporaries = new ArrayList<>();
        try {
            for (int i = 0; i < writes.size(); i++) {
                Path temporary = temporarySibling(targets.get(i));
                temporaries.add(temporary);
                BeingWritten.add(temporary);
                writes.get(i).filler().fill(temporary);
                keepPermissions(targets.get(i), temporary);
            }
            for (int i = 0; i < writes.size(); i++) {
                Files.move(temporaries.get(i), targets.get(i), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            for (Path target : targets) {
                forceFolder(target.toAbsolutePath().getParent());
                StaleParts.removeLeftoversOf(target);
            }
        } finally {
            for (Path temporary : temporaries) {
                BeingWritten.remove(temporary);
                Files.deleteIfExists(temporary);
            }
        }
    }

    /**
     * The file a write to {@code target} replaces: the file a symbolic link leads to (through any chain of links, to
     * a file that may not exist yet), as {@code cp} writes through one, so that {@code current.textclf -> v3.textclf}
     * stays a link; {@code target} itself when it is no link.
     */
    static Path throughLinks(Path target) throws IOException {
        Path path = target;
        for (int hops = 0; Files.isSymbolicLink(path); hops++) {
            if (hops == 40) {
                throw new FileSystemException(target.toString(), null, "too many levels of symbolic links");
            }
            path = path.toAbsolutePath().getParent().resolve(Files.readSymbolicLink(path));
        }
        return path;
    }

    /** Whether {@code temporary} is the file of a write under way in this process. */
    static boolean beingWritten(Path temporary) {
        return BeingWritten.FILES.contains(temporary.toAbsolutePath());
    }

    /**
     * Refuses an existing {@code target} that this process may not write, or whose owner may not (made read-only with
     * {@code chmod a-w}: the superuser, who may write anything, is refused it too).
     */
    private static void requireReplaceable(Path target) throws IOException {
        if (Files.isRegularFile(target) && (!Files.isWritable(target)
                || posix() && !Files.getPosixFilePermissions(target).contains(PosixFilePermission.OWNER_WRITE))) {
            throw new AccessDeniedException(target.toString(), null,
                    "it is read-only: make it writable (chmod u+w) to replace it, or choose another file");
        }
    }

    /** Gives the new file of an existing {@code target} the permissions the old one had (never wider ones). */
    private static void keepPermissions(Path target, Path temporary) throws IOException {
        if (posix() && Files.exists(target)) {
            Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(target));
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /**
     * The temporary files of writes under way, removed when the JVM shuts down (Ctrl-C, SIGTERM) before they are
     * renamed; the write then fails, and its target stays as it was. Only a kill that runs no shutdown hooks leaves one
     * ({@link StaleParts} removes those later).
     */
    private static final class BeingWritten {
        private static final Set<Path> FILES = ConcurrentHashMap.newKeySet();

        static {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(BeingWritten::removeAll, "textclf-remove-part-files"));
            } catch (IllegalStateException shuttingDown) {
                // a first write that starts while the JVM shuts down: its own finally removes its file
            }
        }

        static void add(Path temporary) {
            FILES.add(temporary.toAbsolutePath());
        }

        static void remove(Path temporary) {
            FILES.remove(temporary.toAbsolutePath());
        }

        private static void removeAll() {
            for (Path temporary : FILES) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // shutting down: nothing to report it to, and StaleParts removes it later
                }
            }
        }
    }

    /**
     * Fails now, before long work, when {@link #replace} could not write {@code written} (the file a link leads to, for
     * a link): creates a temporary sibling (and the folders up to it, removed again with it when they are new), and
     * refuses an existing file that is read-only, or that another user owns in a folder with the sticky bit (as
     * {@code /tmp}), where only its owner may replace it.
     */
    public static void requireWritable(Path written) throws IOException {
        Path target = throughLinks(written);
        Path folder = target.toAbsolutePath().getParent();
        Path firstNew = null;
        for (Path ancestor = folder; ancestor != null && !Files.exists(ancestor); ancestor = ancestor.getParent()) {
            firstNew = ancestor;
        }
        requireReplaceable(target);
        Path temporary = null;
        try {
            temporary = temporarySibling(target);
            // this process's own user, as the file system names it (a uid without a name included)
            UserPrincipal self = Files.getOwner(temporary);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !isRoot(temporary) && sticky(folder)) {
                UserPrincipal owner = Files.getOwner(target, LinkOption.NOFOLLOW_LINKS);
                if (!owner.equals(self) && !Files.getOwner(folder).equals(self)) {
                    throw new FileSystemException(target.toString(), null, "it belongs to " + owner.getName()
                            + ", and in " + folder + " (sticky) only a file's owner may replace it");
                }
            }
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
            removeNewFolders(folder, firstNew);
        }
    }

    /**
     * {@link #requireWritable(Path)} for callers without checked exceptions.
     *
     * @param what what the file is, for the message ("report", "port file"; empty for none)
     * @throws UncheckedIOException "cannot write WHAT TARGET: reason"
     */
    public static void requireWritable(Path target, String what) {
        try {
            requireWritable(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + (what.isEmpty() ? "" : what + " ") + target + ": "
                    + reason(e, target), e);
        }
    }

    /** Removes {@code folder} and its parents up to {@code firstNew}, those that are still empty. */
    private static void removeNewFolders(Path folder, Path firstNew) throws IOException {
        for (Path created = folder; firstNew != null && created != null && created.startsWith(firstNew);
                created = created.getParent()) {
            try {
                Files.deleteIfExists(created);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }

    /** Whether {@code file} (made by this process) belongs to the superuser, who may replace any file. */
    private static boolean isRoot(Path file) {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(file, "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code folder} has the sticky bit; false where the file system does not say. */
    private static boolean sticky(Path folder) {
        try {
            return ((Integer) Files.getAttribute(folder, "unix:mode") & 01000) != 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Makes a rename in {@code folder} durable: without it, a power loss soon after the rename may bring
     * back the old file (never a broken one). File systems that cannot sync a folder are left as they are.
     */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can open a folder as a channel; the rename itself was atomic
        }
    }

    /** What went wrong with a file operation, in words: NIO's messages are often only the path. */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            return (f.getFile() != null ? f.getFile() + ": " : "") + words(f);
        }
        return String.valueOf(e.getMessage());
    }

    /**
     * {@link #reason(IOException)} for a message that names {@code about} already: without the path when the
     * failure is about {@code about} itself or about the temporary sibling of a write to it, which the user never
     * named ("cannot write m.textclf: permission denied").
     */
    public static String reason(IOException e, Path about) {
        if (e instanceof FileSystemException f && f.getFile() != null && about.getFileName() != null) {
            Path file = Path.of(f.getFile()).toAbsolutePath().normalize();
            String name = file.getFileName() == null ? "" : file.getFileName().toString();
            boolean temporary = name.startsWith("." + about.getFileName()) && name.endsWith(".part");
            if (temporary) {
                return words(f) + " to create a file in " + file.getParent();
            }
            Path target = about.toAbsolutePath().normalize();
            if (file.equals(target)) {
                return words(f);
            }
            if (f instanceof FileAlreadyExistsException && target.startsWith(file)) {
                return file + ": a file, where a folder was expected";
            }
        }
        return reason(e);
    }

    /** e.g. {@code no such file}, {@code permission denied}, {@code not a folder}, or the exception's own reason. */
    private static String words(FileSystemException f) {
        if (f.getReason() != null) {
            return f.getReason();
        }
        if (f instanceof NoSuchFileException) {
            return "no such file";
        }
        if (f instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (f instanceof NotDirectoryException) {
            return "not a folder";
        }
        return f.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT);
    }

    /**
     * A new empty file beside {@code target} named {@code .TARGET.PID-*.part} (PID: this process's, so that a later
     * write can tell a killed writer's file from one under way), with permissions {@code rw-r--r--} on POSIX
     * systems (a plain temporary file would be private to its owner), or those of an existing {@code target} that
     * keeps others out, readable and writable by this process while it is filled.
     */
    public static Path temporarySibling(Path target) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + target.getFileName() + "." + ProcessHandle.current().pid()
                + "-", ".part");
        if (posix()) {
            Set<PosixFilePermission> permissions = PosixFilePermissions.fromString("rw-r--r--");
            if (Files.exists(target)) {
                permissions = EnumSet.copyOf(Files.getPosixFilePermissions(target));
                permissions.addAll(List.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            }
            Files.setPosixFilePermissions(temporary, permissions);
        }
        return temporary;
    }
}
