package io.textclf.modelformat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
     * folder's {@code NAME/VERSION.textclf}); nothing when the folder does not exist.
     *
     * @return the files removed
     */
    public static List<Path> remove(Path folder, Duration grace) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        Instant unchangedSince = Instant.now().minus(grace);
        List<Path> removed = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder, 2)) {
            for (Path file : files.filter(StaleParts::isPart).toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(unchangedSince) && deleteUnlocked(file)) {
                    removed.add(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + folder + ": " + AtomicFiles.reason(e), e);
        }
        return removed;
    }

    private static boolean isPart(Path file) {
        return OURS.matcher(file.getFileName().toString()).matches() && Files.isRegularFile(file);
    }

    private static boolean deleteUnlocked(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                return false;
            }
            Files.delete(file);
            return true;
        } catch (OverlappingFileLockException e) {
            return false;
        }
    }
}
