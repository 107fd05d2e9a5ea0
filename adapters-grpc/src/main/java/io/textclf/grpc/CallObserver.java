package io.textclf.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Times every call, counts it in the metrics and writes its line to the call log when it closes
 * (authentication failures included: it runs before every other interceptor). Services say which
 * model answered through the call's {@link CallRecord}. A call the transport ends without the server
 * closing it (a message over the size limit, which gRPC refuses while reading it; a client that
 * cancels; a deadline that passes) is counted and logged when its stream closes, with the status the
 * client got: {@link #streams()} is registered with the server for that.
 */
final class CallObserver implements ServerInterceptor {

    /** The call's timeout as gRPC sends it: at most 8 digits and a unit (H, M, S, m, u, n). */
    private static final Metadata.Key<String> TIMEOUT = Metadata.Key.of("grpc-timeout",
            Metadata.ASCII_STRING_MARSHALLER);

    /** The {@code rpc} label of calls to methods the server does not have: clients choose those names. */
    static final String UNKNOWN_METHOD = "unknown";

    private final ServerMetrics metrics;
    private final CallLog log;
    private final Set<String> methods;

    /**
     * @param methods the full names of the server's methods: calls to any other count under {@link #UNKNOWN_METHOD}
     *                in the metrics, so that callers cannot add series to them
     */
    CallObserver(ServerMetrics metrics, CallLog log, Set<String> methods) {
        this.metrics = metrics;
        this.log = log;
        this.methods = Set.copyOf(methods);
    }

    /** The stream tracers that give each call its {@link CallRecord} and account for calls the transport ends. */
    ServerStreamTracer.Factory streams() {
        return new ServerStreamTracer.Factory() {
            @Override
            public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
                return new StreamAccount(fullMethodName, deadlineOf(headers));
            }
        };
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        long started = System.nanoTime();
        CallRecord record = CallRecord.current(); // the stream tracer's, in the call's context
        ServerCall<Q, R> observed = new SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                super.close(status, trailers);
                if (record.account()) {
                    finished(call.getMethodDescriptor().getFullMethodName(), record, status,
                            (System.nanoTime() - started) / 1e9, call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
                }
            }
        };
        return next.startCall(observed, headers);
    }

    private void finished(String rpc, CallRecord record, Status status, double seconds, SocketAddress peer) {
        Status.Code outcome = record.outcome(status);
        String code = outcome.name();
        metrics.call(methods.contains(rpc) ? rpc : UNKNOWN_METHOD, record.metricsModel(outcome), record.version(), code,
                seconds, record.texts());
        log.call(rpc, code, record.model(), record.version(), record.texts(), seconds,
                peer == null ? "" : peer.toString());
    }

    /**
     * The deadline a call's {@code grpc-timeout} header sets, from now, or null without one: read when the stream
     * opens, so that a call whose deadline passes while it waits for a thread is known to have had one.
     */
    static Deadline deadlineOf(Metadata headers) {
        String timeout = headers.get(TIMEOUT);
        if (timeout == null || timeout.length() < 2) {
            return null;
        }
        TimeUnit unit = switch (timeout.charAt(timeout.length() - 1)) {
            case 'H' -> TimeUnit.HOURS;
            case 'M' -> TimeUnit.MINUTES;
            case 'S' -> TimeUnit.SECONDS;
            case 'm' -> TimeUnit.MILLISECONDS;
            case 'u' -> TimeUnit.MICROSECONDS;
            case 'n' -> TimeUnit.NANOSECONDS;
            default -> null;
        };
        try {
            return unit == null ? null
                    : Deadline.after(Long.parseLong(timeout.substring(0, timeout.length() - 1)), unit);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** One stream: its call's record, and its accounting when the transport closes it and the server did not. */
    private final class StreamAccount extends ServerStreamTracer {

        private final String rpc;
        private final long started = System.nanoTime();
        private final CallRecord record = new CallRecord();
        private volatile SocketAddress peer;

        StreamAccount(String rpc, Deadline deadline) {
            this.rpc = rpc;
            record.deadline(deadline);
        }

        @Override
        public Context filterContext(Context context) {
            return record.attachTo(context);
        }

        @Override
        public void serverCallStarted(ServerCallInfo<?, ?> call) {
            peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        }

        @Override
        public void streamClosed(Status status) {
            if (record.account()) {
                finished(rpc, record, status, (System.nanoTime() - started) / 1e9, peer);
            }
        }
    }
}
