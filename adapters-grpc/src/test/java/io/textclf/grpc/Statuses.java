package io.textclf.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.function.Executable;

/** Assertions on the statuses of failed calls. */
final class Statuses {

    private Statuses() {
    }

    /**
     * Asserts that {@code call} fails with {@code code} and a description containing {@code words},
     * without stack traces or class names of exceptions.
     */
    static Status assertFails(Status.Code code, String words, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        Status status = e.getStatus();
        assertEquals(code, status.getCode(), () -> "status " + status);
        String description = String.valueOf(status.getDescription());
        assertTrue(description.contains(words), () -> "'" + description + "' should contain '" + words + "'");
        assertClean(description);
        return status;
    }

    static void assertClean(String description) {
        assertFalse(description.contains("\tat ") || description.contains("Exception")
                || description.contains(".java:"), () -> "a stack trace or exception leaks: " + description);
    }
}
