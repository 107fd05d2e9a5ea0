package io.textclf.grpc;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Unary methods that send and receive raw bytes: requests no stub would make. */
final class RawMethods {

    private RawMethods() {
    }

    /** {@code method} with its messages as bytes. */
    static MethodDescriptor<byte[], byte[]> of(MethodDescriptor<?, ?> method) {
        return method.toBuilder(new Bytes(), new Bytes()).build();
    }

    /** A unary method of any name, which the server may not have. */
    static MethodDescriptor<byte[], byte[]> named(String fullName) {
        return MethodDescriptor.newBuilder(new Bytes(), new Bytes()).setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(fullName).build();
    }

    private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
