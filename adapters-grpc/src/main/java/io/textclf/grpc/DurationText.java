package io.textclf.grpc;

import java.math.BigDecimal;
import java.time.Duration;

/** A duration as the server's settings are written: whole days as days, others in seconds ("-1 s", "0.25 s"). */
public final class DurationText {

    private static final long SECONDS_PER_DAY = 86_400;

    private DurationText() {
    }

    /** {@code duration} as settings are written: {@code 2 days}, {@code 0.25 s}, {@code -1 s}. */
    public static String of(Duration duration) {
        long seconds = duration.getSeconds();
        if (duration.getNano() == 0 && seconds != 0 && seconds % SECONDS_PER_DAY == 0) {
            long days = seconds / SECONDS_PER_DAY;
            return days + (Math.abs(days) == 1 ? " day" : " days");
        }
        return BigDecimal.valueOf(seconds).add(BigDecimal.valueOf(duration.getNano(), 9)).stripTrailingZeros()
                .toPlainString() + " s";
    }
}
