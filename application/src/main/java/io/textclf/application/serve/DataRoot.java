package io.textclf.application.serve;

import io.textclf.modelformat.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The folder a server reads datasets from and stores uploads in. Paths that clients name are
 * confined to it: they must be relative, may not contain {@code ..}, and may not leave it through a
 * symbolic link (checked on the real path of the folder and of every file read).
 */
public final class DataRoot {

    private static final String UPLOADS = "uploads";

    private final Path root;

    /** Opens {@code folder} as the data root, creating it if it is missing. */
    public DataRoot(Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            String message = "cannot open data root " + folder + ": it is a file, not a folder";
            throw new UncheckedIOException(message, new IOException(message));
        }
        try {
            Files.createDirectories(folder);
            this.root = folder.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open data root " + folder + ": " + AtomicFiles.reason(e, folder), e);
        }
    }

    /** The root's real path. */
    public Path root() {
        return root;
    }

    /** Where uploads are stored: {@code <root>/uploads}. */
    public Path uploads() {
        return root.resolve(UPLOADS);
    }

    /**
     * The real path of the existing file or folder {@code relative} names inside the root.
     *
     * @throws PathNotAllowedException   for an empty or absolute path, one with {@code ..}, or one that
     *                                   leaves the root through a symbolic link
     * @throws DatasetNotFoundException  when nothing exists there
     */
    public Path resolve(String relative) {
        Path path;
        try {
            path = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new PathNotAllowedException("'" + relative + "' is not a valid path");
        }
        if (relative.isBlank() || path.isAbsolute() || relative.startsWith("/") || relative.startsWith("\\")) {
            throw new PathNotAllowedException("'" + relative + "' is " + (relative.isBlank() ? "empty" : "absolute")
                    + ": give a path relative to the data root");
        }
        for (Path part : path) {
            if (part.toString().equals("..")) {
                throw new PathNotAllowedException("'" + relative + "' may not contain '..'");
            }
            if (part.toString().startsWith(".") && !part.toString().equals(".")) {
                throw new PathNotAllowedException("'" + relative + "' names a hidden entry ('" + part
                        + "'): uploads in progress and other server files are not datasets");
            }
        }
        Path candidate = root.resolve(path).normalize();
        if (!candidate.startsWith(root)) {
            throw new PathNotAllowedException("'" + relative + "' leaves the data root");
        }
        if (!Files.exists(candidate)) {
            throw new DatasetNotFoundException("nothing at '" + relative + "' in the data root");
        }
        return checkInside(candidate, relative);
    }

    /**
     * The real path of {@code file}, which must lie inside the root once symbolic links are followed.
     *
     * @throws PathNotAllowedException when it does not
     */
    public Path checkInside(Path file) {
        return checkInside(file, root.relativize(file.toAbsolutePath().normalize()).toString());
    }

    /** {@code path} relative to the root when it lies inside it, else the path unchanged; for messages. */
    public String describe(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }

    private Path checkInside(Path file, String shownAs) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new DatasetNotFoundException("cannot open '" + shownAs + "' in the data root", e);
        }
        if (!real.startsWith(root)) {
            throw new PathNotAllowedException("'" + shownAs + "' leaves the data root through a symbolic link");
        }
        return real;
    }
}
