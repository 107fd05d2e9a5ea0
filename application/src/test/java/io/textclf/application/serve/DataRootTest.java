package io.textclf.application.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataRootTest {

    @TempDir
    Path folder;

    private Path outside;
    private DataRoot root;

    @BeforeEach
    void setUp() throws Exception {
        outside = Files.createDirectories(folder.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "x");
        root = new DataRoot(folder.resolve("root"));
        Files.createDirectories(root.root().resolve("sets/news"));
        Files.writeString(root.root().resolve("sets/news/train.txt"), "__label__a x\n");
    }

    @Test
    void resolvesRelativePathsInside() {
        assertEquals(root.root().resolve("sets/news"), root.resolve("sets/news"));
        assertEquals(root.root().resolve("sets/news"), root.resolve("sets/./news/"));
    }

    @Test
    void refusesAbsolutePathsAndDotDot() {
        assertThrows(PathNotAllowedException.class, () -> root.resolve(outside.toString()));
        assertThrows(PathNotAllowedException.class, () -> root.resolve("sets/../../outside"));
        assertThrows(PathNotAllowedException.class, () -> root.resolve("sets/news/.."));
        assertThrows(PathNotAllowedException.class, () -> root.resolve(""));
        assertThrows(PathNotAllowedException.class, () -> root.resolve("bad\0name"));
        assertThrows(PathNotAllowedException.class, () -> root.resolve("uploads/.incoming-0123"));
    }

    @Test
    void refusesSymbolicLinksThatLeave() throws Exception {
        Files.createSymbolicLink(root.root().resolve("out"), outside);
        Files.createSymbolicLink(root.root().resolve("sets/secret.txt"), outside.resolve("secret.txt"));
        PathNotAllowedException e = assertThrows(PathNotAllowedException.class, () -> root.resolve("out"));
        assertTrue(e.getMessage().contains("through a symbolic link"), e::getMessage);
        assertThrows(PathNotAllowedException.class, () -> root.resolve("out/secret.txt"));
        assertThrows(PathNotAllowedException.class, () -> root.checkInside(root.root().resolve("sets/secret.txt")));
    }

    @Test
    void followsSymbolicLinksThatStayInside() throws Exception {
        Files.createSymbolicLink(root.root().resolve("alias"), root.root().resolve("sets/news"));
        assertEquals(root.root().resolve("sets/news"), root.resolve("alias"));
    }

    @Test
    void missingPathsAreNotFound() {
        assertThrows(DatasetNotFoundException.class, () -> root.resolve("sets/sport"));
    }

    @Test
    void describesPathsRelativeToTheRoot() {
        assertEquals("sets/news/train.txt", root.describe(root.root().resolve("sets/news/train.txt")));
        assertEquals(outside.toAbsolutePath().toString(), root.describe(outside));
    }

    @Test
    void aFileThatCannotBeOpenedIsNotFoundKeepingWhy() {
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class,
                () -> root.checkInside(root.root().resolve("sets/gone.csv")));
        assertEquals("cannot open 'sets/gone.csv' in the data root", e.getMessage());
        assertTrue(e.getCause() instanceof NoSuchFileException, String.valueOf(e.getCause()));
    }
}
