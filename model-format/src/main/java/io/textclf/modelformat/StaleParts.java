package io.textclf.modelformat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the temporary {@code .NAME.textclf*.part} and {@code .NAME.ckpt*.part} files that {@link AtomicFiles} leaves
 * when its process is killed (kill -9, power loss) while writing. In a folder, a part file is removed only when it
 * has not changed for the grace period and no process holds a lock on it, so a write in progress is never touched;
 * after a write, those of earlier writes to the same file whose writer has gone.
 */
public final class StaleParts {

    /** What follows the target's name in a part file's: {@code .PID-} (group 1, the pid), or an older {@code -}. */
    private static final String WRITER = "(?:\\.(\\d+)-|-?)";

    /**
     * The part files of model files and checkpoints: {@code .NAME.textclf} or {@code .NAME.ckpt}, the writer's
     * process id and a dash (older part files have none), digits, {@code .part}.
     */
    private static final Pattern OURS = Pattern.compile("\\..+\\.(textclf|ckpt)" + WRITER + "\\d+\\.part");

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

    /**
     * Removes the part files of earlier writes to {@code target} that are not under way: those whose writer, a
     * process of this machine named in the file's name, has gone (killed while it wrote), and those of writers that
     * did not name themselves once unchanged for {@link #GRACE}. {@link AtomicFiles} calls it once it has replaced
     * {@code target}; what cannot be removed stays.
     *
     * @return the files removed
     */
    public static List<Path> removeLeftoversOf(Path target) {
        Path folder = target.toAbsolutePath().getParent();
        Pattern earlier = Pattern.compile("\\." + Pattern.quote(target.getFileName().toString()) + WRITER
                + "\\d+\\.part");
        Instant unchangedSince = Instant.now().minus(GRACE);
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                Matcher name = earlier.matcher(file.getFileName().toString());
                if (name.matches() && !AtomicFiles.beingWritten(file) && abandoned(file, name.group(1), unchangedSince)
                        && deleteUnlocked(file)) {
                    removed.add(file);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // the write it follows is done; what is left is removed by a later one
        }
        return removed;
    }

    private static boolean abandoned(Path file, String writer, Instant unchangedSince) throws IOException {
        if (writer == null) {
            return Files.getLastModifiedTime(file).toInstant().isBefore(unchangedSince);
        }
        // this process's own are not under way (beingWritten said so): a failed write could not delete its file
        long pid = Long.parseLong(writer);
        return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty();
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
