package io.textclf.grpc.soak;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in buckets 2% wide from 1 microsecond to about 20 minutes: constant memory however long
 * the soak runs, so that the measurement does not grow the memory it measures. Thread-safe.
 */
final class LatencyHistogram {

    private static final double GROWTH = 1.02;
    private static final int BUCKETS = (int) Math.ceil(Math.log(1.2e9) / Math.log(GROWTH)) + 1;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void record(long nanos) {
        double micros = Math.max(1, nanos / 1_000.0);
        counts.incrementAndGet(Math.min(BUCKETS - 1, (int) (Math.log(micros) / Math.log(GROWTH))));
    }

    long count() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** The latency at quantile {@code q} in [0, 1], in milliseconds (the upper edge of its bucket); 0 when empty. */
    double quantileMillis(double q) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.pow(GROWTH, i + 1) / 1_000.0;
            }
        }
        return Math.pow(GROWTH, BUCKETS) / 1_000.0;
    }
}
