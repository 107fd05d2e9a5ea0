package io.textclf.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Lets a call through only with the metadata {@code authorization: Bearer <token>} naming one of
 * the configured tokens; otherwise ends it with {@code UNAUTHENTICATED}. Tokens are compared as
 * SHA-256 digests in constant time, and never logged.
 */
final class BearerTokenInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String SCHEME = "Bearer ";

    private final List<byte[]> digests;

    BearerTokenInterceptor(List<String> tokens) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("at least one token is needed");
        }
        this.digests = tokens.stream().map(BearerTokenInterceptor::digest).toList();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        String header = headers.get(AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return refuse(call, "this server needs the metadata 'authorization: Bearer <token>'");
        }
        byte[] presented = digest(header.substring(SCHEME.length()).strip());
        boolean known = false;
        for (byte[] digest : digests) {
            known |= MessageDigest.isEqual(digest, presented);
        }
        return known ? next.startCall(call, headers) : refuse(call, "the bearer token is not valid");
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String reason) {
        call.close(Status.UNAUTHENTICATED.withDescription(reason), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }
}
