package io.textclf.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.Status;
import io.textclf.modelformat.AtomicFiles;
import io.textclf.modelformat.ModelFileException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A full disk is the server's resource running out, not a bug: RESOURCE_EXHAUSTED saying so. */
class DiskFullTest {

    private static final Path MODELS = Path.of("/srv/textclf/models");

    private final ErrorStatuses errors = new ErrorStatuses(List.of(MODELS));

    @Test
    void aModelFileThatCannotBeWrittenForLackOfSpaceIsResourceExhausted() {
        IOException full = realDiskFull();
        Status status = errors.toStatus(new ModelFileException("cannot write model file "
                + MODELS.resolve("news/3.textclf") + ": " + AtomicFiles.reason(full), full));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode());
        assertEquals("the server's disk is full: cannot write model file news/3.textclf: No space left on device; "
                + "free space on the server and try again", status.getDescription());
    }

    @Test
    void anUploadThatCannotBeStoredForLackOfSpaceIsResourceExhausted() {
        IOException full = realDiskFull();
        Status status = errors.toStatus(new UncheckedIOException("cannot store upload: " + full.getMessage(), full));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode());
    }

    /** What writing to a full disk throws, from Linux's /dev/full (ENOSPC on every write). */
    private static IOException realDiskFull() {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "needs /dev/full");
        try (OutputStream out = Files.newOutputStream(full)) {
            out.write(new byte[4096]);
            out.flush();
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("/dev/full accepted a write");
    }
}
