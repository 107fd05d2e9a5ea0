package io.textclf.modelformat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

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
     * leaves no temporary file behind.
     *
     * @throws AtomicMoveNotSupportedException when the file system cannot rename atomically
     */
    public static void replace(Path target, Filler filler) throws IOException {
        Path temporary = temporarySibling(target);
        try {
            filler.fill(temporary);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceFolder(target.toAbsolutePath().getParent());
        } finally {
            Files.deleteIfExists(temporary);
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
            String what = f.getReason() != null ? f.getReason() : e.getClass().getSimpleName()
                    .replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
            return (f.getFile() != null ? f.getFile() + ": " : "") + what;
        }
        return String.valueOf(e.getMessage());
    }

    /**
     * A new empty file beside {@code target} named {@code .TARGET*.part}, with permissions
     * {@code rw-r--r--} on POSIX systems (a plain temporary file would be private to its owner).
     */
    public static Path temporarySibling(Path target) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + target.getFileName(), ".part");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
        }
        return temporary;
    }
}
