package io.textclf.application.files;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Temporary files that become their target by an atomic rename, readable like any file the user writes. */
public final class AtomicFiles {

    private AtomicFiles() {
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
