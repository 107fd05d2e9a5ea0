package io.textclf.grpc;

import io.grpc.stub.StreamObserver;
import io.textclf.modelformat.ModelFileCodec;
import io.textclf.application.serve.ModelRegistry;
import io.textclf.application.serve.ServedModel;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.proto.v1.GetModelMetadataRequest;
import io.textclf.proto.v1.GetModelMetadataResponse;
import io.textclf.proto.v1.ListModelsRequest;
import io.textclf.proto.v1.ListModelsResponse;
import io.textclf.proto.v1.ModelServiceGrpc;
import io.textclf.proto.v1.ModelVersions;
import io.textclf.modelformat.v1.Provenance;
import io.textclf.modelformat.v1.RunSetting;
import java.util.List;
import java.util.Map;

/** {@code textclf.v1.ModelService}: what is served, and how each model version was made. */
final class ModelService extends ModelServiceGrpc.ModelServiceImplBase {

    private final ModelRegistry registry;
    private final ErrorStatuses errors;
    private final ClientPaths paths;

    ModelService(ModelRegistry registry, ErrorStatuses errors) {
        this.registry = registry;
        this.errors = errors;
        this.paths = new ClientPaths(errors);
    }

    @Override
    public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> responses) {
        ListModelsResponse.Builder response = ListModelsResponse.newBuilder()
                // the model that answers a call naming none: none while the configured default has no version served
                .setDefaultModel(registry.defaultModel().filter(registry.versions()::containsKey).orElse(""));
        for (Map.Entry<String, List<Long>> model : registry.versions().entrySet()) {
            response.addModels(ModelVersions.newBuilder().setName(model.getKey()).addAllVersions(model.getValue()));
        }
        responses.onNext(response.build());
        responses.onCompleted();
    }

    /**
     * Dataset paths, run settings and the checkpoint resumed from, relative to the server's folders; a
     * path elsewhere (a model trained on another machine or with the CLI) keeps only its file name. The
     * MD5 and row count still identify the data.
     */
    private Provenance withScrubbedPaths(Provenance provenance) {
        Provenance.Builder builder = provenance.toBuilder().setResumedFrom(paths.redact(provenance.getResumedFrom()));
        for (int i = 0; i < builder.getDatasetsCount(); i++) {
            builder.setDatasets(i, builder.getDatasets(i).toBuilder()
                    .setPath(paths.redact(builder.getDatasets(i).getPath())));
        }
        for (int i = 0; i < builder.getRunSettingsCount(); i++) {
            RunSetting setting = builder.getRunSettings(i);
            builder.setRunSettings(i, setting.toBuilder().setValue(paths.redact(setting.getValue()))
                    .setSource(paths.redact(setting.getSource())));
        }
        return builder.build();
    }

    @Override
    public void getModelMetadata(GetModelMetadataRequest request,
                                 StreamObserver<GetModelMetadataResponse> responses) {
        GetModelMetadataResponse response;
        try {
            ServedModel model = ModelSpecs.resolve(registry, request.getModelSpec());
            CallRecord.current().answeredBy(model, 0);
            ModelArtifact artifact = model.loaded().artifact();
            response = GetModelMetadataResponse.newBuilder()
                    .setModelSpec(ModelSpecs.of(model))
                    .addAllLabels(artifact.labels())
                    .setVocabularySize(artifact.vocabulary().size())
                    .setEmbeddingDim(artifact.parameters().dims().embeddingDim())
                    .setTokenizer(artifact.pipeline().tokenizer())
                    .setWordNgrams(artifact.pipeline().wordNgrams().n())
                    .setBuckets(artifact.pipeline().wordNgrams().buckets())
                    .setHyperparameters(ModelFileCodec.toProto(artifact.settings()))
                    .setMetrics(ModelFileCodec.toProto(artifact.metrics()))
                    .setProvenance(withScrubbedPaths(ModelFileCodec.toProto(artifact.provenance())))
                    .build();
        } catch (RuntimeException e) {
            responses.onError(errors.toException(e));
            return;
        }
        responses.onNext(response);
        responses.onCompleted();
    }
}
