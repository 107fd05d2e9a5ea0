package io.textclf.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.textclf.proto.v1.ListModelsRequest;
import io.textclf.proto.v1.ModelServiceGrpc;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connections that never speak, or too many of them, do not hold the server's sockets. */
class ConnectionLimitsTest {

    @TempDir
    Path folder;

    private TextclfServer server;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aConnectionThatNeverSendsAByteIsClosedAfterTheHandshakeTimeout() throws IOException {
        start(Limits.DEFAULTS.withConnections(Duration.ofMillis(500), Duration.ofMinutes(5), 100));
        Socket silent = connect();
        long started = System.nanoTime();
        assertEquals(-1, readUntilClosed(silent), "the server closed the connection");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis >= 400 && millis < 4_000, () -> "closed after " + millis + " ms");
    }

    @Test
    void connectionsBeyondTheCapAreClosedAtOnceWhileTheOthersAreServed() throws Exception {
        start(Limits.DEFAULTS.withConnections(Duration.ofSeconds(30), Duration.ofMinutes(5), 3));
        for (int i = 0; i < 3; i++) {
            connect();
        }
        assertEquals(-1, readUntilClosed(connect()), "the fourth connection is closed");
        for (int i = 0; i < 3; i++) {
            sockets.remove(0).close();
        }
        ManagedChannel channel = ClientChannels.open("127.0.0.1:" + server.port(), Optional.empty(), Optional.empty());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (true) {
                try {
                    ModelServiceGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
                            .listModels(ListModelsRequest.getDefaultInstance());
                    break;
                } catch (io.grpc.StatusRuntimeException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                }
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theServerAdvertisesABoundOnTheCallsOfOneConnection() throws IOException {
        start(Limits.DEFAULTS);
        Socket socket = connect();
        socket.setSoTimeout(5_000);
        OutputStream out = socket.getOutputStream();
        out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
        assertEquals(4, in.readUnsignedByte(), "the server's first frame is its SETTINGS");
        in.readUnsignedByte();
        in.readInt();
        Map<Integer, Long> settings = new java.util.HashMap<>();
        for (int read = 0; read < length; read += 6) {
            settings.put(in.readUnsignedShort(), in.readInt() & 0xFFFFFFFFL);
        }
        assertEquals((long) TextclfServer.STREAMS_PER_CONNECTION, settings.get(3), "SETTINGS_MAX_CONCURRENT_STREAMS");
    }

    private void start(Limits limits) throws IOException {
        server = TextclfServer.start(ServerSettings.defaults(folder.resolve("models"), folder.resolve("data"))
                .withHost("127.0.0.1").withPort(0).withLimits(limits).withShutdownGrace(Duration.ofSeconds(5)),
                Fixtures.components());
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        sockets.add(socket);
        return socket;
    }

    /** What a read gives within 5 s: -1 when the server closed the connection. */
    private static int readUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        try (InputStream in = socket.getInputStream()) {
            int b;
            do {
                b = in.read();
            } while (b >= 0);
            return b;
        } catch (SocketTimeoutException e) {
            return -2;
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }
}
