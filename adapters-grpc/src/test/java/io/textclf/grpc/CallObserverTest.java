package io.textclf.grpc;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Deadline;
import io.grpc.Metadata;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallObserverTest {

    @Test
    void aCallsDeadlineIsReadFromItsTimeoutHeader() {
        assertRemaining(1500, "1500m");
        assertRemaining(2000, "2S");
        assertRemaining(120_000, "2M");
        assertRemaining(3, "3000u");
        for (String malformed : new String[] {"", "m", "12x", "abcS", "99999999999999999999S"}) {
            assertNull(CallObserver.deadlineOf(headers(malformed)), malformed);
        }
        assertNull(CallObserver.deadlineOf(new Metadata()), "no header, no deadline");
    }

    private static void assertRemaining(long millis, String timeout) {
        Deadline deadline = CallObserver.deadlineOf(headers(timeout));
        long remaining = deadline.timeRemaining(TimeUnit.MILLISECONDS);
        assertTrue(remaining <= millis && remaining > millis - 1000, timeout + ": " + remaining + " ms left");
    }

    private static Metadata headers(String timeout) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("grpc-timeout", Metadata.ASCII_STRING_MARSHALLER), timeout);
        return headers;
    }
}
