package io.textclf.modelexchange.pytorch;

import io.textclf.modelexchange.ModelExchangeException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The whole content of an input file, or a refusal that names it and says why. */
final class InputFiles {

    /** The most bytes a Java array holds, and so a file read whole. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private InputFiles() {
    }

    /**
     * @param what what the file holds, for error messages ("the state_dict")
     * @throws ModelExchangeException when the file is missing, a folder, unreadable or larger than 2 GiB
     */
    static byte[] bytes(Path file, String what) {
        if (!Files.exists(file)) {
            throw new ModelExchangeException(file + ": cannot read " + what + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new ModelExchangeException(file + ": cannot read " + what + ": a folder, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelExchangeException(file + ": cannot read " + what + ": not a regular file");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ModelExchangeException(file + ": " + what + " takes " + size + " bytes; textclf reads "
                        + "files of up to 2 GiB (" + MAX_BYTES + " bytes)");
            }
            return Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            throw new ModelExchangeException(file + ": cannot read " + what + ": permission denied", e);
        } catch (OutOfMemoryError | IOException e) {
            throw new ModelExchangeException(file + ": cannot read " + what + ": " + e.getMessage(), e);
        }
    }
}
