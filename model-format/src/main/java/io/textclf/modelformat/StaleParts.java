package io.textclf.modelformat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes the temporary {@code .NAME.textclf*.part} and {@code .NAME.ckpt*.part} files that {@link AtomicFiles} leaves when its process is
 * killed (kill -9, power loss) while writing. A part file is removed only when it has not changed for
 * the grace period and no process holds a lock on it, so a write in progress is never touched.
 */
public final class StaleParts {

    /** The part files of model files and checkpoints: {@code .NAME.textclf} or {@code .NAME.ckpt}, digits, {@code .part}. */
    private static final Pattern OURS = Pattern.compile("\\..+\\.(textclf|ckpt)-?\\d+\\.part");

    /** How long a part file must be unchanged before it counts as abandoned. */
    public static final Duration GRACE = Duration.ofMinutes(10);

    private StaleParts() {
    }

    /**
     * Removes the abandoned part files in {@code folder} and its sub-folders (two levels, as in a models
     * folder's {@code NAME/VERSION.textclf}); nothing when the folder does not exist. What this process may
     * not read or remove (another user's folders in {@code /tmp}, say) is left as it is: the cleaning never
     * stands in the way of the write it comes before.
     *
     * @return the files removed
     */
    public static List<Path> remove(Path folder, Duration grace) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        Instant unchangedSince = Instant.now().minus(grace);
        List<Path> removed = new ArrayList<>();
        try {
            Files.walkFileTree(folder, Set.of(), 2, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && OURS.matcher(file.getFileName().toString()).matches()
                            && attributes.lastModifiedTime().toInstant().isBefore(unchangedSince)
                            && deleteUnlocked(file)) {
                        removed.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + folder + ": " + AtomicFiles.reason(e), e);
        }
        return removed;
    }

    /** Deletes {@code file} unless a process holds a lock on it or this one may not write or delete it. */
    private static boolean deleteUnlocked(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                return false;
            }
            Files.delete(file);
            return true;
        } catch (IOException | OverlappingFileLockException e) {
            return false;
        }
    }
}
