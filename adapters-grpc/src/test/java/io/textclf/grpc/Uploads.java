package io.textclf.grpc;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import io.textclf.proto.v1.TrainingServiceGrpc;
import io.textclf.proto.v1.UploadDatasetRequest;
import io.textclf.proto.v1.UploadDatasetResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/** A client side of UploadDataset: files sent in chunks, the response as a future. */
final class Uploads {

    private final StreamObserver<UploadDatasetRequest> requests;
    private final CompletableFuture<UploadDatasetResponse> response = new CompletableFuture<>();

    Uploads(TrainingServiceGrpc.TrainingServiceStub stub) {
        this.requests = stub.uploadDataset(new StreamObserver<>() {
            @Override
            public void onNext(UploadDatasetResponse value) {
                response.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                response.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        });
    }

    /** Sends {@code bytes} as file {@code name} in chunks of {@code chunk} bytes. */
    Uploads send(String name, byte[] bytes, int chunk) {
        for (int from = 0; from == 0 || from < bytes.length; from += chunk) {
            byte[] part = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + chunk));
            requests.onNext(UploadDatasetRequest.newBuilder().setFileName(from == 0 ? name : "")
                    .setData(ByteString.copyFrom(part)).build());
        }
        return this;
    }

    Uploads sendFile(Path file, int chunk) throws IOException {
        return send(file.getFileName().toString(), Files.readAllBytes(file), chunk);
    }

    Uploads sendRaw(UploadDatasetRequest request) {
        requests.onNext(request);
        return this;
    }

    /** The server's answer, without ending the upload. */
    CompletableFuture<UploadDatasetResponse> response() {
        return response;
    }

    CompletableFuture<UploadDatasetResponse> finish() {
        requests.onCompleted();
        return response;
    }
}
