package io.textclf.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.SocketAddress;

/**
 * Times every call, counts it in the metrics and writes its line to the call log when it closes
 * (authentication failures included: it runs before every other interceptor). Services say which
 * model answered through the call's {@link CallRecord}.
 */
final class CallObserver implements ServerInterceptor {

    private final ServerMetrics metrics;
    private final CallLog log;

    CallObserver(ServerMetrics metrics, CallLog log) {
        this.metrics = metrics;
        this.log = log;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        long started = System.nanoTime();
        CallRecord record = new CallRecord();
        ServerCall<Q, R> observed = new SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                super.close(status, trailers);
                finished(call, record, status, (System.nanoTime() - started) / 1e9);
            }
        };
        return Contexts.interceptCall(record.attachTo(Context.current()), observed, headers, next);
    }

    private void finished(ServerCall<?, ?> call, CallRecord record, Status status, double seconds) {
        String rpc = call.getMethodDescriptor().getFullMethodName();
        String code = status.getCode().name();
        metrics.call(rpc, record.model(), record.version(), code, seconds, record.texts());
        SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        log.call(rpc, code, record.model(), record.version(), record.texts(), seconds,
                peer == null ? "" : peer.toString());
    }
}
