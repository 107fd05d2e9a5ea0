package io.textclf.grpc;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the health service's open {@code Watch} streams, which never end by themselves, so that a shutting down server
 * can end them: otherwise one watching client (a load balancer, Kubernetes) holds the shutdown for its whole grace.
 * Bound to the health service only; its unary {@code Check} calls pass through.
 */
final class HealthWatches implements ServerInterceptor {

    private final Set<ServerCall<?, ?>> open = ConcurrentHashMap.newKeySet();

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if (call.getMethodDescriptor().getType().serverSendsOneMessage()) {
            return next.startCall(call, headers);
        }
        open.add(call);
        ServerCall<Q, R> tracked = new SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                open.remove(call);
                super.close(status, trailers);
            }
        };
        return new SimpleForwardingServerCallListener<>(next.startCall(tracked, headers)) {
            @Override
            public void onCancel() {
                open.remove(call);
                super.onCancel();
            }

            @Override
            public void onComplete() {
                open.remove(call);
                super.onComplete();
            }
        };
    }

    /**
     * Ends every open stream with {@code UNAVAILABLE}. Call it after the health service has sent its last status
     * ({@code HealthStatusManager.enterTerminalState()}): it sends nothing more, so nothing else writes to the calls.
     */
    void endAll() {
        for (ServerCall<?, ?> call : open) {
            if (open.remove(call)) {
                try {
                    call.close(Status.UNAVAILABLE.withDescription("the server is shutting down"), new Metadata());
                } catch (IllegalStateException alreadyClosed) {
                    // the client went away meanwhile: nothing to end
                }
            }
        }
    }
}
