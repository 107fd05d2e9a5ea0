package io.textclf.grpc;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The server's log format: one line per event ({@code time level logger: message}) on stderr. What
 * the network layer reports about a connection that is not gRPC (a stray HTTP/1 request, a port
 * scanner, a client that hangs up) is protocol noise: one line naming the exception, no stack
 * trace. Other exceptions keep their stack trace (they are the incidents {@link ErrorStatuses} numbers).
 */
public final class ServerLogging {

    /** Where grpc-netty reports failed connections. */
    static final String TRANSPORT_LOGGERS = "io.grpc.netty.shaded.io.grpc.netty";

    private ServerLogging() {
    }

    /** Replaces the root logger's handlers with one stderr handler in this format. */
    public static void install() {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new OneLine());
        root.addHandler(handler);
    }

    /** UTC to the millisecond, always three digits of them: {@code 2026-12-01T08:28:11.000Z}. */
    private static final DateTimeFormatter MILLISECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** {@code instant} as the server's log lines and call log write it, fixed in width. */
    static String timestamp(Instant instant) {
        return MILLISECONDS.format(instant);
    }

    /** One line per record; stack traces only for exceptions that are not protocol noise. */
    static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord record) {
            String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
            StringBuilder line = new StringBuilder(128).append(timestamp(Instant.ofEpochMilli(record.getMillis()))).append(' ')
                    .append(record.getLevel().getName()).append(' ')
                    .append(logger.substring(logger.lastIndexOf('.') + 1)).append(": ")
                    .append(formatMessage(record).replace('\n', ' '));
            Throwable thrown = record.getThrown();
            if (thrown != null && logger.startsWith(TRANSPORT_LOGGERS)) {
                String message = String.valueOf(thrown.getMessage()).lines().findFirst().orElse("");
                line.append(" (").append(thrown.getClass().getSimpleName()).append(": ").append(message).append(')');
            } else if (thrown != null) {
                StringWriter trace = new StringWriter();
                thrown.printStackTrace(new PrintWriter(trace));
                line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
            }
            return line.append(System.lineSeparator()).toString();
        }
    }
}
