package io.textclf.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import java.util.HashMap;
import java.util.Map;
import java.lang.System.Logger.Level;

/**
 * Refuses requests whose bytes are not a valid message (invalid UTF-8 in a string field, a truncated
 * field) with {@code INVALID_ARGUMENT} and one log line, instead of gRPC's {@code UNKNOWN} and a
 * stack trace per request: the service receives raw bytes and parses them itself.
 */
final class MalformedRequests implements ServerInterceptor {

    private static final System.Logger LOG = System.getLogger(MalformedRequests.class.getName());

    /** The request message's full name by method. */
    private final Map<String, String> requestTypes;

    private MalformedRequests(Map<String, String> requestTypes) {
        this.requestTypes = Map.copyOf(requestTypes);
    }

    /** {@code service}, parsing its requests where a malformed one can be refused. */
    static ServerServiceDefinition refusedIn(ServerServiceDefinition service) {
        Map<String, String> types = new HashMap<>();
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            MethodDescriptor<?, ?> descriptor = method.getMethodDescriptor();
            types.put(descriptor.getFullMethodName(), typeName(descriptor.getRequestMarshaller()));
        }
        return ServerInterceptors.intercept(ServerInterceptors.useInputStreamMessages(service),
                new MalformedRequests(types));
    }

    private static String typeName(MethodDescriptor.Marshaller<?> marshaller) {
        return marshaller instanceof MethodDescriptor.PrototypeMarshaller<?> prototype
                && prototype.getMessagePrototype() instanceof com.google.protobuf.Message message
                ? message.getDescriptorForType().getFullName() : "request message";
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        ClosingCall<Q, R> closing = new ClosingCall<>(call);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(closing, headers)) {
            @Override
            public void onMessage(Q message) {
                if (closing.closed) {
                    return;
                }
                try {
                    super.onMessage(message);
                } catch (StatusRuntimeException e) {
                    if (!(e.getCause() instanceof InvalidProtocolBufferException invalid)) {
                        throw e;
                    }
                    String method = call.getMethodDescriptor().getFullMethodName();
                    LOG.log(Level.WARNING, "refused a malformed " + method + " request: " + invalid.getMessage());
                    closing.close(Status.INVALID_ARGUMENT.withDescription("the request is not a valid "
                            + requestTypes.get(method) + ": " + invalid.getMessage()), new Metadata());
                }
            }

            @Override
            public void onHalfClose() {
                if (!closing.closed) {
                    super.onHalfClose();
                }
            }
        };
    }

    /** Remembers whether the call was closed, so that a refused call is closed only once. */
    private static final class ClosingCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private volatile boolean closed;

        ClosingCall(ServerCall<Q, R> delegate) {
            super(delegate);
        }

        @Override
        public void close(Status status, Metadata trailers) {
            closed = true;
            super.close(status, trailers);
        }
    }
}
