package io.textclf.application.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint folder never mixes two runs. */
class CheckpointFolderTest {

    @TempDir
    Path dir;

    @Test
    void refusesCheckpointsLaterThanWhereTheRunStarts() throws IOException {
        for (String name : new String[] {"epoch-0001.ckpt", "epoch-0002-batch-000300.ckpt", "epoch-0002.ckpt"}) {
            Files.createFile(dir.resolve(name));
        }
        CheckpointFolder folder = new CheckpointFolder(dir, 0);
        assertEquals("checkpoint folder " + dir + " already holds epoch-0002.ckpt from another run: the runs would mix; "
                        + "choose another --checkpoint-dir or move them away",
                assertThrows(IllegalArgumentException.class, () -> folder.requireNothingBeyond(Optional.empty()))
                        .getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> folder.requireNothingBeyond(Optional.of(dir.resolve("epoch-0001.ckpt"))));
        assertDoesNotThrow(() -> folder.requireNothingBeyond(Optional.of(dir.resolve("epoch-0002.ckpt"))));
        assertDoesNotThrow(() -> new CheckpointFolder(dir.resolve("new"), 0).requireNothingBeyond(Optional.empty()));
    }

    @Test
    void aFileIsNoCheckpointFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
        assertEquals("checkpoint folder " + file + " is a file, not a folder: choose another --checkpoint-dir",
                assertThrows(IllegalArgumentException.class, () -> new CheckpointFolder(file, 0).lock()).getMessage());
        assertEquals("mine", Files.readString(file));
        try (CheckpointFolder.Lock lock = new CheckpointFolder(dir.resolve("runs"), 0).lock()) {
            assertTrue(Files.isDirectory(dir.resolve("runs")));
        }
        assertFalse(Files.exists(dir.resolve("runs")), "a run that failed before its first checkpoint leaves no folder");
        try (CheckpointFolder.Lock lock = new CheckpointFolder(dir.resolve("kept"), 0).lock()) {
            Files.write(dir.resolve("kept").resolve("epoch-0001.ckpt"), new byte[8]);
        }
        assertTrue(Files.exists(dir.resolve("kept").resolve("epoch-0001.ckpt")));
        Path theirs = Files.createDirectories(dir.resolve("theirs"));
        try (CheckpointFolder.Lock lock = new CheckpointFolder(theirs, 0).lock()) {
            assertTrue(Files.isDirectory(theirs));
        }
        assertTrue(Files.isDirectory(theirs), "a folder that was there stays");
    }

    @Test
    void takingTheFolderRemovesWhatAKilledRunLeftHalfWritten() throws IOException {
        Path killedCheckpoint = Files.write(dir.resolve(".epoch-0003.ckpt123456.part"), new byte[64]);
        Path killedBest = Files.write(dir.resolve(".best.textclf789.part"), new byte[64]);
        Path checkpoint = Files.write(dir.resolve("epoch-0002.ckpt"), new byte[64]);
        Path notes = Files.writeString(dir.resolve("notes.part"), "mine");
        try (CheckpointFolder.Lock lock = new CheckpointFolder(dir, 0).lock()) {
            assertFalse(Files.exists(killedCheckpoint) || Files.exists(killedBest));
            assertTrue(Files.exists(checkpoint) && Files.exists(notes));
        }
    }
}
