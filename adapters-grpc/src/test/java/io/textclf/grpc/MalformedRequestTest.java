package io.textclf.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.textclf.proto.v1.ClassificationServiceGrpc;
import io.textclf.proto.v1.ClassifyRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A request whose bytes are not a valid message: the caller's fault, one log line, no stack trace. */
class MalformedRequestTest {

    /** A ClassifyRequest whose texts[0] (field 2) holds two bytes that are not UTF-8. */
    private static final byte[] INVALID_UTF8_TEXT = {0x12, 0x02, (byte) 0xC3, 0x28};

    @TempDir
    Path folder;

    private InProcess server;
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start() {
        Path models = folder.resolve("models");
        Fixtures.install(Fixtures.oneEpochModel(), models, "news", 1);
        server = InProcess.start(InProcess.settings(models, folder.resolve("data")));
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
        server.close();
    }

    @Test
    void invalidUtf8InAStringFieldIsAnInvalidArgumentWithOneLogLine() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> ClientCalls.blockingUnaryCall(
                server.channel, rawClassify(), CallOptions.DEFAULT, INVALID_UTF8_TEXT));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals("the request is not a valid textclf.v1.ClassifyRequest: Protocol message had invalid UTF-8.",
                e.getStatus().getDescription());
        assertEquals(1, logged.size(), () -> logged.stream().map(LogRecord::getMessage).toList().toString());
        assertNull(logged.get(0).getThrown());
        assertTrue(logged.get(0).getMessage().contains("textclf.v1.ClassificationService/Classify"),
                logged.get(0).getMessage());
        assertEquals(1, server.classification().classify(ClassifyRequest.newBuilder().addTexts("still serving")
                .build()).getResultsCount());
    }

    private static MethodDescriptor<byte[], byte[]> rawClassify() {
        return RawMethods.of(ClassificationServiceGrpc.getClassifyMethod());
    }
}
