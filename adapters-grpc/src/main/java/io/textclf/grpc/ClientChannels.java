package io.textclf.grpc;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLException;

/** Client channels to a textclf server: plaintext or TLS, with an optional bearer token on every call. */
public final class ClientChannels {

    private ClientChannels() {
    }

    /**
     * A channel to {@code target} ({@code host:port}, {@link ServerAddress#parse}).
     *
     * @param trustedCertificates PEM certificates to trust for TLS; empty: plaintext
     * @param token               bearer token sent with every call; empty: none
     * @throws IllegalArgumentException when {@code target} is not {@code host:port}
     */
    public static ManagedChannel open(String target, Optional<Path> trustedCertificates, Optional<String> token) {
        return open(ServerAddress.parse(target), trustedCertificates, token);
    }

    /** As {@link #open(String, Optional, Optional)}, to an address already read. */
    public static ManagedChannel open(ServerAddress target, Optional<Path> trustedCertificates,
                                      Optional<String> token) {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(target.host(), target.port()).directExecutor()
                .maxInboundMessageSize(64 << 20);
        if (trustedCertificates.isPresent()) {
            try {
                builder.sslContext(GrpcSslContexts.forClient().trustManager(trustedCertificates.get().toFile()).build());
            } catch (SSLException e) {
                throw new IllegalArgumentException("cannot use " + trustedCertificates.get() + " for TLS: "
                        + e.getMessage(), e);
            }
        } else {
            builder.usePlaintext();
        }
        token.ifPresent(value -> builder.intercept(bearer(value)));
        return builder.build();
    }

    /** Adds {@code authorization: Bearer <token>} to every call. */
    public static ClientInterceptor bearer(String token) {
        Metadata headers = new Metadata();
        headers.put(BearerTokenInterceptor.AUTHORIZATION, "Bearer " + token);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }
}
