package io.textclf.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CallLogTest {

    @Test
    void textAndJsonLinesCarryEveryField() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        CallLog.of("text", new PrintStream(text, true, StandardCharsets.UTF_8))
                .call("textclf.v1.ClassificationService/Classify", "OK", "news", "2", 64, 0.0012345, "/127.0.0.1:5");
        assertTrue(text.toString(StandardCharsets.UTF_8).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z call rpc=textclf.v1.ClassificationService/"
                + "Classify status=OK model=news version=2 texts=64 ms=1.235 peer=/127.0.0.1:5\\R"), text::toString);

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        CallLog.of("json", new PrintStream(json, true, StandardCharsets.UTF_8))
                .call("inference.GRPCInferenceService/ModelInfer", "NOT_FOUND", "a\"b\\c\n", "", 0, 0.0005, "");
        String line = json.toString(StandardCharsets.UTF_8);
        assertTrue(line.endsWith(",\"event\":\"call\",\"rpc\":\"inference.GRPCInferenceService/ModelInfer\","
                + "\"status\":\"NOT_FOUND\",\"model\":\"a\\\"b\\\\c\\u000a\",\"version\":\"\",\"texts\":0,\"ms\":0.500,"
                + "\"peer\":\"\"}" + System.lineSeparator()), line);
        assertEquals(1, line.lines().count());
        assertTrue(line.matches("\\{\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\",(?s).*"), line);
        assertEquals("2026-12-01T08:28:11.000Z", ServerLogging.timestamp(java.time.Instant.parse("2026-12-01T08:28:11Z")),
                "whole seconds keep their three digits of milliseconds");
    }

    @Test
    void offWritesNothingAndOtherFormatsAreRefused() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CallLog.of("off", new PrintStream(out, true, StandardCharsets.UTF_8)).call("x", "OK", "", "", 0, 0, "");
        assertEquals(0, out.size());
        assertThrows(IllegalArgumentException.class, () -> CallLog.of("yaml", System.err));
    }
}
