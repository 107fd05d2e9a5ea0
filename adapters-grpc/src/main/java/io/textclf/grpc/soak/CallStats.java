package io.textclf.grpc.soak;

import io.grpc.Status;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Calls of one kind: how many, how long, and which failed with which status code. Thread-safe. */
final class CallStats {

    private final String call;
    private final LatencyHistogram latencies = new LatencyHistogram();
    private final Map<Status.Code, AtomicLong> errors = new ConcurrentHashMap<>();
    private final Map<Status.Code, String> firstDescription = new ConcurrentHashMap<>();

    CallStats(String call) {
        this.call = call;
    }

    void succeeded(long nanos) {
        latencies.record(nanos);
    }

    void failed(Status status) {
        errors.computeIfAbsent(status.getCode(), code -> new AtomicLong()).incrementAndGet();
        firstDescription.putIfAbsent(status.getCode(), String.valueOf(status.getDescription()));
    }

    Soak.CallSummary summary() {
        Map<String, Long> byCode = new TreeMap<>();
        Map<String, String> examples = new TreeMap<>();
        errors.forEach((code, count) -> {
            byCode.put(code.name(), count.get());
            examples.put(code.name(), firstDescription.get(code));
        });
        return new Soak.CallSummary(call, latencies.count(), byCode, examples, latencies.quantileMillis(0.50),
                latencies.quantileMillis(0.99), latencies.quantileMillis(1.0));
    }
}
