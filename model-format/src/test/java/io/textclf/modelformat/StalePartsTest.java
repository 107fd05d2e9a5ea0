package io.textclf.modelformat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Part files a killed writer left behind are removed; a write in progress is not. */
class StalePartsTest {

    @TempDir
    Path models;

    @Test
    void removesOnlyOldUnlockedPartFiles() throws IOException {
        Path stale = old(part("news", ".3.textclf123.part"));
        Path recent = part("news", ".4.textclf456.part");
        Path locked = old(part("sports", ".1.textclf789.part"));
        Path model = old(part("news", "2.textclf"));
        try (FileChannel channel = FileChannel.open(locked, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            assertEquals(List.of(stale), StaleParts.remove(models, StaleParts.GRACE));
            assertTrue(lock.isValid());
        }
        assertTrue(Files.exists(recent) && Files.exists(locked) && Files.exists(model));
        assertEquals(List.of(), StaleParts.remove(models.resolve("missing"), StaleParts.GRACE));
    }

    /** Another user's folder beside the models (as in /tmp) is skipped, not a reason to fail the write. */
    @Test
    void aFolderThisProcessCannotReadIsLeftAlone() throws IOException {
        Path stale = old(part("news", ".3.textclf123.part"));
        Path theirs = Files.createDirectories(models.resolve("theirs"));
        Path theirPart = old(part("theirs", ".1.textclf5.part"));
        Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(theirs), "this process reads every folder (root): nothing to show");
            assertEquals(List.of(stale), StaleParts.remove(models, StaleParts.GRACE));
        } finally {
            Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rwx------"));
        }
        assertTrue(Files.exists(theirPart));
    }

    /**
     * A later write to the same file removes the part file a killed writer left (its process is gone) at once, and
     * leaves those of writers still running, and of other files, alone.
     */
    @Test
    void aWriteRemovesWhatKilledWritesToTheSameFileLeft() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path killed = part("news", ".2.textclf." + gone.pid() + "-123.part");
        Path running = part("news", ".2.textclf." + ProcessHandle.current().parent().orElseThrow().pid() + "-456.part");
        Path olderRecent = part("news", ".2.textclf789.part");
        Path olderStale = old(part("news", ".2.textclf790.part"));
        Path otherFile = part("news", ".3.textclf." + gone.pid() + "-123.part");
        Path model = models.resolve("news/2.textclf");
        AtomicFiles.replace(model, temporary -> Files.writeString(temporary, "model"));
        assertFalse(Files.exists(killed) || Files.exists(olderStale));
        assertTrue(Files.exists(running) && Files.exists(olderRecent) && Files.exists(otherFile));
    }

    private Path part(String folder, String name) throws IOException {
        Path file = Files.createDirectories(models.resolve(folder)).resolve(name);
        Files.write(file, new byte[10]);
        return file;
    }

    private static Path old(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        return file;
    }
}
