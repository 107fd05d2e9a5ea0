package io.textclf.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.textclf.application.backend.UnknownBackendException;
import io.textclf.application.dataset.DatasetDownloadException;
import io.textclf.application.dataset.DatasetFormatException;
import io.textclf.application.serve.DatasetNotFoundException;
import io.textclf.application.serve.ModelMemoryException;
import io.textclf.application.serve.ModelNotFoundException;
import io.textclf.application.serve.PathNotAllowedException;
import io.textclf.application.serve.UploadTooLargeException;
import io.textclf.domain.backend.BackendException;
import io.textclf.domain.text.UnknownTokenizerException;
import io.textclf.domain.train.TrainingDivergedException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Turns exceptions into statuses for clients: a code that says whose fault it is and a one-line
 * description without stack traces or server folders (paths under the data root and the models
 * directory are shown relative to them, any other absolute path by its last name: {@link ClientPaths}). A backend that lacks what a request asks for (an
 * {@link UnsupportedOperationException} with a message) is the caller's {@code INVALID_ARGUMENT}.
 * A write that failed for lack of disk space is {@code RESOURCE_EXHAUSTED}; a dataset that could not be downloaded
 * (no network, the source down) is {@code UNAVAILABLE}, with what to do instead.
 * Unexpected exceptions become {@code INTERNAL} with an incident id; their stack trace goes to the
 * server log only.
 */
final class ErrorStatuses {

    private static final System.Logger LOG = System.getLogger(ErrorStatuses.class.getName());

    /** A call its client cancelled. */
    static final Status CANCELLED = Status.CANCELLED.withDescription("the call was cancelled");

    private final List<Path> hiddenFolders;
    private final ClientPaths clientPaths = new ClientPaths(this);

    ErrorStatuses(List<Path> hiddenFolders) {
        this.hiddenFolders = List.copyOf(hiddenFolders);
    }

    /**
     * The status of a call whose context was cancelled: {@code DEADLINE_EXCEEDED} when its deadline passed,
     * {@code CANCELLED} when the client cancelled it (or went away).
     */
    static Status ofCancelled(Context call) {
        Status status = Contexts.statusFromCancelled(call);
        return status != null && status.getCode() == Status.Code.DEADLINE_EXCEEDED
                ? Status.DEADLINE_EXCEEDED.withDescription("the call's deadline passed") : CANCELLED;
    }

    /** The status for {@code error}; logs it when it is unexpected. */
    Status toStatus(Throwable error) {
        if (error instanceof StatusRuntimeException e) {
            return e.getStatus();
        }
        if (error instanceof StatusException e) {
            return e.getStatus();
        }
        if (isDiskFull(error)) {
            return Status.RESOURCE_EXHAUSTED.withDescription("the server's disk is full: "
                    + clientPaths.redact(String.valueOf(error.getMessage()))
                    + "; free space on the server and try again");
        }
        Status.Code code = codeOf(error);
        if (code == Status.Code.INTERNAL) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.ERROR, "incident " + incident, error);
            return Status.INTERNAL.withDescription("internal error (incident " + incident
                    + "); the server log has the details");
        }
        String message = String.valueOf(error.getMessage());
        // a path the client gave is shown as given: the data root's refusals quote nothing else
        return Status.fromCode(code).withDescription(error instanceof PathNotAllowedException
                || error instanceof DatasetNotFoundException ? message : clientPaths.redact(message));
    }

    StatusRuntimeException toException(Throwable error) {
        return toStatus(error).asRuntimeException();
    }

    /** {@code message} with the hidden folders removed from the paths it names. */
    String scrub(String message) {
        String result = message;
        for (Path folder : hiddenFolders) {
            result = result.replace(folder + "/", "").replace(folder.toString(), ".");
        }
        return result;
    }

    /** Whether a write failed for lack of space or quota (ENOSPC, EDQUOT) somewhere in the causes. */
    private static boolean isDiskFull(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String reason = cause instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                    : cause.getMessage();
            if (cause instanceof IOException && reason != null
                    && (reason.contains("No space left on device") || reason.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    private static Status.Code codeOf(Throwable error) {
        if (error instanceof ModelNotFoundException || error instanceof DatasetNotFoundException) {
            return Status.Code.NOT_FOUND;
        }
        if (error instanceof UploadTooLargeException || error instanceof ModelMemoryException) {
            return Status.Code.RESOURCE_EXHAUSTED;
        }
        if (error instanceof IllegalArgumentException || error instanceof PathNotAllowedException
                || error instanceof DatasetFormatException || error instanceof UnknownBackendException) {
            return Status.Code.INVALID_ARGUMENT;
        }
        if (error instanceof BackendException || error instanceof UnknownTokenizerException) {
            return Status.Code.FAILED_PRECONDITION;
        }
        if (error instanceof DatasetDownloadException) {
            return Status.Code.UNAVAILABLE;
        }
        if (error instanceof UnsupportedOperationException && error.getMessage() != null
                || error instanceof TrainingDivergedException) {
            return Status.Code.INVALID_ARGUMENT;
        }
        return Status.Code.INTERNAL;
    }
}
