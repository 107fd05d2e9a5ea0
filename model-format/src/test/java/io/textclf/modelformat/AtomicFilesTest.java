package io.textclf.modelformat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check before a long write leaves nothing behind, a replaced file keeps its permissions, files written together
 * change together, and failures read as reasons, not bare paths.
 */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void theCheckBeforeAWriteLeavesNoFileAndNoNewFolderBehind() throws IOException {
        Path target = dir.resolve("new/deeper/m.textclf");
        AtomicFiles.requireWritable(target);
        assertFalse(Files.exists(dir.resolve("new")), "the folders it made for its test file are gone");
        Files.createDirectories(target.getParent());
        AtomicFiles.requireWritable(target);
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(List.of(), files.toList(), "no temporary file left; the folder that was there stays");
        }
    }

    @Test
    void aFolderInTheWayOfTheTargetFailsTheCheck() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.requireWritable(file.resolve("m.textclf")));
        assertEquals(file + ": a file, where a folder was expected", AtomicFiles.reason(e, file.resolve("m.textclf")));
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndAReadOnlyOneIsRefused() throws IOException {
        Path secret = Files.writeString(dir.resolve("private.textclf"), "old");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        AtomicFiles.replace(secret, temporary -> Files.writeString(temporary, "new"));
        assertEquals("new", Files.readString(secret));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));

        Path kept = Files.writeString(dir.resolve("kept.textclf"), "old");
        Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("r--r--r--"));
        AccessDeniedException e = assertThrows(AccessDeniedException.class,
                () -> AtomicFiles.replace(kept, temporary -> Files.writeString(temporary, "new")));
        assertEquals("it is read-only: make it writable (chmod u+w) to replace it, or choose another file",
                AtomicFiles.reason(e, kept));
        assertThrows(AccessDeniedException.class, () -> AtomicFiles.requireWritable(kept));
        assertEquals("old", Files.readString(kept));
    }

    /** A write through a symbolic link replaces the file it leads to, as cp does: the link stays a link. */
    @Test
    void aLinkIsWrittenThroughNotReplaced() throws IOException {
        Path real = Files.writeString(dir.resolve("v3.textclf"), "old");
        Path current = Files.createSymbolicLink(dir.resolve("current.textclf"), Path.of("v3.textclf"));
        AtomicFiles.replace(current, temporary -> Files.writeString(temporary, "new"));
        assertTrue(Files.isSymbolicLink(current));
        assertEquals("new", Files.readString(real));
        Path dangling = Files.createSymbolicLink(dir.resolve("next.textclf"), Path.of("v4.textclf"));
        AtomicFiles.requireWritable(dangling);
        AtomicFiles.replace(dangling, temporary -> Files.writeString(temporary, "made"));
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals("made", Files.readString(dir.resolve("v4.textclf")));
    }

    /** A model and the file describing its inputs: a failure while filling the second leaves both as they were. */
    @Test
    void filesWrittenTogetherAreReplacedOnlyOnceAllAreFilled() throws IOException {
        Path model = Files.writeString(dir.resolve("m.onnx"), "old model");
        Path pipeline = Files.writeString(dir.resolve("m.pipeline.json"), "old pipeline");
        assertThrows(IOException.class, () -> AtomicFiles.replaceTogether(List.of(
                new AtomicFiles.Write(pipeline, temporary -> Files.writeString(temporary, "new pipeline")),
                new AtomicFiles.Write(model, temporary -> {
                    throw new IOException("disk full");
                }))));
        assertEquals("old model", Files.readString(model));
        assertEquals("old pipeline", Files.readString(pipeline));
        AtomicFiles.replaceTogether(List.of(
                new AtomicFiles.Write(pipeline, temporary -> Files.writeString(temporary, "new pipeline")),
                new AtomicFiles.Write(model, temporary -> Files.writeString(temporary, "new model"))));
        assertEquals("new model", Files.readString(model));
        assertEquals("new pipeline", Files.readString(pipeline));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left");
        }
    }

    @Test
    void reasonsNameTheProblemAndLeaveOutWhatTheMessageNamesAlready() {
        Path target = dir.resolve("m.textclf");
        assertEquals("no such file", AtomicFiles.reason(new NoSuchFileException(target.toString()), target));
        assertEquals(dir + "/other: no such file",
                AtomicFiles.reason(new NoSuchFileException(dir.resolve("other").toString()), target));
        // the temporary sibling of a write: the user never named it, its folder refused a new file
        assertEquals("permission denied to create a file in " + dir, AtomicFiles.reason(
                new AccessDeniedException(dir.resolve(".m.textclf123.part").toString()), target));
        assertEquals("disk full", AtomicFiles.reason(new IOException("disk full"), target));
    }
}
