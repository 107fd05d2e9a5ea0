package io.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.textclf.grpc.soak.Soak;
import io.textclf.modelexchange.json.JsonReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code bench soak --json}: the report a script reads, with every figure the table shows. */
class BenchSoakJsonTest {

    @Test
    void theReportIsOneObjectWithCallsMemoryAndTheRestart() {
        Soak.Report report = new Soak.Report(60.5, List.of(
                new Soak.CallSummary("Classify", 1200, Map.of(), Map.of(), 1.5, 9.25, 20.0),
                new Soak.CallSummary("Train", 11, Map.of("RESOURCE_EXHAUSTED", 3L), Map.of("RESOURCE_EXHAUSTED",
                        "jobs"), 900.0, 1500.0, 1600.0)),
                List.of(new Soak.MemorySample(1.0, 300L << 20, 100L << 20, 50L << 20),
                        new Soak.MemorySample(60.0, 310L << 20, 120L << 20, 52L << 20)),
                new Soak.Restart(true, 0.75, Map.of("news", List.of(11L, 12L)), null));
        Map<?, ?> json = (Map<?, ?>) JsonReader.parse(BenchSoakCommand.toJson(report));
        assertEquals(60.5, ((Number) json.get("seconds")).doubleValue());
        List<?> calls = (List<?>) json.get("calls");
        assertEquals(2, calls.size());
        Map<?, ?> train = (Map<?, ?>) calls.get(1);
        assertEquals("Train", train.get("call"));
        assertEquals(11L, ((Number) train.get("succeeded")).longValue());
        assertEquals(3L, ((Number) ((Map<?, ?>) train.get("errors_by_code")).get("RESOURCE_EXHAUSTED")).longValue());
        assertEquals(1500.0, ((Number) train.get("p99_ms")).doubleValue());
        assertEquals(2, ((List<?>) json.get("memory")).size());
        Map<?, ?> restart = (Map<?, ?>) json.get("restart");
        assertEquals(true, restart.get("ok"));
        assertEquals(List.of(11L, 12L), ((List<?>) ((Map<?, ?>) restart.get("versions")).get("news")).stream()
                .map(v -> ((Number) v).longValue()).toList());
        assertEquals(report.unexpectedErrors(), ((Number) json.get("unexpected_errors")).longValue());
    }
}
