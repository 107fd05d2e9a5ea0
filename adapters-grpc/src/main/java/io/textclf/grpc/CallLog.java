package io.textclf.grpc;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

/**
 * One line per finished call, as text ({@code 2026-11-30T00:00:00Z call rpc=... status=OK ...}) or as a
 * JSON object per line; or nothing. Lines are written whole, never interleaved.
 */
public sealed interface CallLog {

    /** The formats {@link #of} knows. */
    java.util.List<String> FORMATS = java.util.List.of("text", "json", "off");

    /**
     * Logs one call.
     *
     * @param rpc     full method name, e.g. {@code textclf.v1.ClassificationService/Classify}
     * @param status  gRPC status code name
     * @param model   model name, or empty
     * @param version model version, or empty
     * @param texts   texts classified
     * @param seconds from the call's start to its close
     * @param peer    the client's address, or empty
     */
    void call(String rpc, String status, String model, String version, int texts, double seconds, String peer);

    /**
     * The log named {@code text}, {@code json} or {@code off}, writing to {@code out}.
     *
     * @throws IllegalArgumentException for another name
     */
    static CallLog of(String format, PrintStream out) {
        return switch (format) {
            case "text" -> new Text(out);
            case "json" -> new Json(out);
            case "off" -> new Off();
            default -> throw new IllegalArgumentException("call log format '" + format
                    + "' is not one of text, json, off");
        };
    }

    /** Key=value pairs after a timestamp. */
    record Text(PrintStream out) implements CallLog {
        @Override
        public void call(String rpc, String status, String model, String version, int texts, double seconds,
                         String peer) {
            out.println(String.format(Locale.ROOT, "%s call rpc=%s status=%s model=%s version=%s texts=%d ms=%.3f peer=%s",
                    ServerLogging.timestamp(Instant.now()), rpc, status, model.isEmpty() ? "-" : model, version.isEmpty() ? "-" : version,
                    texts, seconds * 1e3, peer.isEmpty() ? "-" : peer));
        }
    }

    /** One JSON object per line. */
    record Json(PrintStream out) implements CallLog {
        @Override
        public void call(String rpc, String status, String model, String version, int texts, double seconds,
                         String peer) {
            out.println(String.format(Locale.ROOT, "{\"time\":\"%s\",\"event\":\"call\",\"rpc\":%s,\"status\":\"%s\","
                    + "\"model\":%s,\"version\":%s,\"texts\":%d,\"ms\":%.3f,\"peer\":%s}",
                    ServerLogging.timestamp(Instant.now()), quote(rpc), status, quote(model), quote(version), texts, seconds * 1e3, quote(peer)));
        }

        static String quote(String value) {
            StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> quoted.append("\\\"");
                    case '\\' -> quoted.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        } else {
                            quoted.append(c);
                        }
                    }
                }
            }
            return quoted.append('"').toString();
        }
    }

    /** Logs nothing. */
    record Off() implements CallLog {
        @Override
        public void call(String rpc, String status, String model, String version, int texts, double seconds,
                         String peer) {
            // nothing to write
        }
    }
}
