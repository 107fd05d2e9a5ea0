package io.textclf.grpc;

import io.grpc.stub.StreamObserver;
import io.textclf.application.TextclfVersion;
import io.textclf.application.serve.ModelNotFoundException;
import io.textclf.application.serve.ModelRegistry;
import io.textclf.application.serve.ServedModel;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.predict.Prediction;
import io.textclf.domain.text.WordNgrams;
import io.textclf.proto.oip.GRPCInferenceServiceGrpc;
import io.textclf.proto.oip.ModelInferRequest;
import io.textclf.proto.oip.ModelInferResponse;
import io.textclf.proto.oip.ModelMetadataRequest;
import io.textclf.proto.oip.ModelMetadataResponse;
import io.textclf.proto.oip.ModelMetadataResponse.TensorMetadata;
import io.textclf.proto.oip.ModelReadyRequest;
import io.textclf.proto.oip.ModelReadyResponse;
import io.textclf.proto.oip.ServerLiveRequest;
import io.textclf.proto.oip.ServerLiveResponse;
import io.textclf.proto.oip.ServerMetadataRequest;
import io.textclf.proto.oip.ServerMetadataResponse;
import io.textclf.proto.oip.ServerReadyRequest;
import io.textclf.proto.oip.ServerReadyResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code inference.GRPCInferenceService}, the Open Inference Protocol (KServe v2), over the same
 * models as {@code textclf.v1}: a model's versions are the protocol's versions (decimal strings;
 * empty means the newest), the tensors are those of {@link InferenceTensors}. Errors follow the
 * protocol: a gRPC status with a message ({@code NOT_FOUND} for an unknown model or version,
 * {@code INVALID_ARGUMENT} for a bad tensor, name or version); ModelReady answers {@code false}
 * for a model that is not served.
 */
final class OpenInferenceService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    static final String PLATFORM = "textclf_embeddingbag";

    private final ModelRegistry registry;
    private final Limits limits;
    private final ErrorStatuses errors;

    OpenInferenceService(ModelRegistry registry, Limits limits, ErrorStatuses errors) {
        this.registry = registry;
        this.limits = limits;
        this.errors = errors;
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> responses) {
        answer(responses, () -> ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> responses) {
        answer(responses, () -> ServerReadyResponse.newBuilder().setReady(registry.hasModels()).build());
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> responses) {
        answer(responses, () -> {
            OptionalLong version = version(request.getVersion());
            boolean ready;
            try {
                CallRecord.current().answeredBy(registry.resolve(request.getName(), version), 0);
                ready = true;
            } catch (ModelNotFoundException e) {
                ready = false;
            }
            return ModelReadyResponse.newBuilder().setReady(ready).build();
        });
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> responses) {
        answer(responses, () -> ServerMetadataResponse.newBuilder().setName("textclf")
                .setVersion(TextclfVersion.current()).build());
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> responses) {
        answer(responses, () -> {
            ServedModel model = registry.resolve(request.getName(), version(request.getVersion()));
            CallRecord.current().answeredBy(model, 0);
            ModelArtifact artifact = model.loaded().artifact();
            int classes = artifact.labels().size();
            ModelMetadataResponse.Builder metadata = ModelMetadataResponse.newBuilder()
                    .setName(model.name())
                    .setPlatform(PLATFORM)
                    .addInputs(tensor(InferenceTensors.INPUT, InferenceTensors.BYTES, List.of(-1L)))
                    .addOutputs(tensor(InferenceTensors.PROBABILITIES, InferenceTensors.FP32, List.of(-1L, (long) classes)))
                    .addOutputs(tensor(InferenceTensors.LABEL, InferenceTensors.BYTES, List.of(-1L)))
                    .putProperties("version", Long.toString(model.version()))
                    .putProperties("labels", String.join("\n", artifact.labels()))
                    .putProperties("tokenizer", artifact.pipeline().tokenizer())
                    .putProperties(WordNgrams.LENGTH_FEATURE, Integer.toString(artifact.pipeline().wordNgrams().n()))
                    .putProperties(WordNgrams.BUCKETS_FEATURE,
                            Integer.toString(artifact.pipeline().wordNgrams().buckets()))
                    .putProperties("vocabulary_size", Integer.toString(artifact.vocabulary().size()))
                    .putProperties("embedding_dim", Integer.toString(artifact.parameters().dims().embeddingDim()));
            for (Long served : registry.versions().getOrDefault(model.name(), List.of())) {
                metadata.addVersions(Long.toString(served));
            }
            return metadata.build();
        });
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> responses) {
        answer(responses, () -> {
            ServedModel model = registry.resolve(request.getModelName(), version(request.getModelVersion()));
            List<String> texts = InferenceTensors.texts(request);
            limits.checkTexts(texts, "input '" + InferenceTensors.INPUT + "'");
            Set<String> outputs = requestedOutputs(request);
            int classes = model.loaded().artifact().labels().size();
            List<Prediction> predictions = model.loaded().classifier().predict(texts, classes);
            CallRecord.current().answeredBy(model, texts.size());
            boolean raw = request.getRawInputContentsCount() > 0;
            ModelInferResponse.Builder response = ModelInferResponse.newBuilder()
                    .setModelName(model.name())
                    .setModelVersion(Long.toString(model.version()))
                    .setId(request.getId());
            for (String output : outputs) {
                InferenceTensors.Output tensor = output.equals(InferenceTensors.PROBABILITIES)
                        ? InferenceTensors.probabilities(predictions, classes, raw)
                        : InferenceTensors.labels(predictions, raw);
                response.addOutputs(tensor.tensor());
                if (raw) {
                    response.addRawOutputContents(tensor.raw());
                }
            }
            return response.build();
        });
    }

    private <R> void answer(StreamObserver<R> responses, Supplier<R> body) {
        R response;
        try {
            response = body.get();
        } catch (RuntimeException e) {
            responses.onError(errors.toException(e));
            return;
        }
        responses.onNext(response);
        responses.onCompleted();
    }

    /** Both outputs in the signature's order when none is named; else the named ones, in order. */
    private static Set<String> requestedOutputs(ModelInferRequest request) {
        Set<String> outputs = new LinkedHashSet<>();
        if (request.getOutputsCount() == 0) {
            outputs.add(InferenceTensors.PROBABILITIES);
            outputs.add(InferenceTensors.LABEL);
            return outputs;
        }
        for (ModelInferRequest.InferRequestedOutputTensor output : request.getOutputsList()) {
            if (!output.getName().equals(InferenceTensors.PROBABILITIES)
                    && !output.getName().equals(InferenceTensors.LABEL)) {
                throw new IllegalArgumentException("unexpected output '" + output.getName() + "': the model's outputs "
                        + "are '" + InferenceTensors.PROBABILITIES + "' and '" + InferenceTensors.LABEL + "'");
            }
            if (!outputs.add(output.getName())) {
                throw new IllegalArgumentException("output '" + output.getName() + "' is asked for twice");
            }
        }
        return outputs;
    }

    /** A protocol version string: empty for the newest, else a positive decimal integer. */
    private static OptionalLong version(String text) {
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        // as the version files are named: no sign, no leading zero
        if (text.matches("[1-9][0-9]{0,17}")) {
            return OptionalLong.of(Long.parseLong(text));
        }
        throw new IllegalArgumentException("model version '" + text + "' is not a version: use a whole number "
                + "from 1 (digits only, no leading zero), or empty for the newest");
    }

    private static TensorMetadata tensor(String name, String datatype, List<Long> shape) {
        return TensorMetadata.newBuilder().setName(name).setDatatype(datatype).addAllShape(shape).build();
    }
}
