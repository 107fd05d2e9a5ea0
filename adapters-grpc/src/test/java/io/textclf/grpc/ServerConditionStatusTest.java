package io.textclf.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.Status;
import io.textclf.application.dataset.DatasetDownloadException;
import io.textclf.application.dataset.DatasetFormatException;
import io.textclf.application.serve.ModelNotFoundException;
import io.textclf.modelformat.AtomicFiles;
import io.textclf.modelformat.ModelFileException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A full disk is the server's resource running out, not a bug: RESOURCE_EXHAUSTED saying so; a download that failed
 * is UNAVAILABLE. Neither shows the server's folders.
 */
class ServerConditionStatusTest {

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

    @Test
    void aDatasetThatCannotBeDownloadedIsUnavailableWithoutTheServersFolders() {
        Status status = errors.toStatus(new DatasetDownloadException("cannot download ag_news: ConnectException "
                + "(with no network, copy train.csv and test.csv into /home/ops/.cache/textclf/datasets/ag_news)"));
        assertEquals(Status.Code.UNAVAILABLE, status.getCode());
        assertEquals("cannot download ag_news: ConnectException (with no network, copy train.csv and test.csv into "
                + "ag_news)", status.getDescription());
    }

    @Test
    void aWebAddressInAMessageIsShownWholeWhileFoldersAreNot() {
        Status status = errors.toStatus(new DatasetDownloadException("cannot download ag_news from "
                + "https://mirror.example.org/datasets/ag_news_csv/train.csv: HTTP 404 (copy the files into "
                + "/home/ops/.cache/textclf/datasets/ag_news)"));
        assertEquals("cannot download ag_news from https://mirror.example.org/datasets/ag_news_csv/train.csv: HTTP 404 "
                + "(copy the files into ag_news)", status.getDescription());
    }

    @Test
    void aPlaceholderPathInAMessageIsKeptWhileAbsolutePathsAreCut() {
        assertEquals("no model is served yet: train one, or put <name>/<version>.textclf files in the models "
                + "directory", errors.toStatus(new ModelNotFoundException("no model is served yet: train one, or put "
                + "<name>/<version>.textclf files in the models directory")).getDescription());
        assertEquals("cannot read 'train.csv' (config=textclf.properties, x:y.txt; z)", errors.toStatus(
                new DatasetFormatException("cannot read '/srv/data/train.csv' (config=/etc/textclf.properties, "
                        + "x:/tmp/y.txt; /z)")).getDescription());
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
