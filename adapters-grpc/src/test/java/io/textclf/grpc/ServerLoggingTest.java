package io.textclf.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stray HTTP/1 request on the gRPC port is one log line, without a stack trace. */
class ServerLoggingTest {

    @TempDir
    Path folder;

    @Test
    void anHttp1RequestOnTheGrpcPortLogsOneLine() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = collecting(lines, new ServerLogging.OneLine()::format);
        Logger transport = Logger.getLogger(ServerLogging.TRANSPORT_LOGGERS);
        transport.addHandler(capture);
        try (TextclfServer server = TextclfServer.start(InProcess.settings(folder.resolve("models"),
                folder.resolve("data")).withHost("127.0.0.1").withPort(0), Fixtures.components())) {
            sendHttp1(server.port());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (lines.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            transport.removeHandler(capture);
        }
        assertEquals(1, lines.size(), lines::toString);
        String line = lines.get(0);
        assertTrue(line.contains("Transport failed (Http2Exception: Unexpected HTTP/1.x request: GET /"), line);
        assertEquals(1, line.lines().count(), line);
    }

    @Test
    void aDefaultModelThatIsNotThereIsWarnedOfAtStartAndAMalformedOneRefused() throws Exception {
        Path models = folder.resolve("models");
        Fixtures.install(Fixtures.oneEpochModel(), models, "news", 1);
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = collecting(lines, record -> record.getLevel() + " " + record.getMessage());
        Logger server = Logger.getLogger(TextclfServer.class.getName());
        server.addHandler(capture);
        try {
            InProcess.start(InProcess.settings(models, folder.resolve("data")).withDefaultModel(Optional.of("newz")))
                    .close();
            InProcess.start(InProcess.settings(models, folder.resolve("data")).withDefaultModel(Optional.of("news")))
                    .close();
        } finally {
            server.removeHandler(capture);
        }
        assertEquals(List.of("WARNING the default model 'newz' is not in " + models + " (models: news): calls that name "
                + "no model get NOT_FOUND until a version of it is there"), lines);
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> InProcess.settings(models, folder.resolve("data")).withDefaultModel(Optional.of("../news")));
        assertTrue(malformed.getMessage().startsWith("default model: model name '../news' is not allowed"),
                malformed.getMessage());
    }

    @Test
    void unexpectedExceptionsKeepTheirStackTrace() {
        LogRecord record = new LogRecord(Level.SEVERE, "incident 42");
        record.setLoggerName(ErrorStatuses.class.getName());
        record.setThrown(new IllegalStateException("bug"));
        String formatted = new ServerLogging.OneLine().format(record);
        assertTrue(formatted.contains(" SEVERE ErrorStatuses: incident 42"), formatted);
        assertTrue(formatted.contains("\tat "), formatted);
    }

    /** A handler that adds each record, as {@code format} writes it, to {@code lines}. */
    private static Handler collecting(List<String> lines, Function<LogRecord, String> format) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(format.apply(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    private static void sendHttp1(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            in.readAllBytes();
        }
    }
}
