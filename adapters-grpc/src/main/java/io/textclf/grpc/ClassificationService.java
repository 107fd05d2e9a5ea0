package io.textclf.grpc;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.textclf.application.serve.ModelRegistry;
import io.textclf.application.serve.ServedModel;
import io.textclf.domain.predict.Prediction;
import io.textclf.domain.predict.ScoredLabel;
import io.textclf.proto.v1.Class;
import io.textclf.proto.v1.ClassificationServiceGrpc;
import io.textclf.proto.v1.ClassifyRequest;
import io.textclf.proto.v1.ClassifyResponse;
import io.textclf.proto.v1.Classifications;
import java.util.List;

/** {@code textclf.v1.ClassificationService}: one batch of texts through a served model per call. */
final class ClassificationService extends ClassificationServiceGrpc.ClassificationServiceImplBase {

    private final ModelRegistry registry;
    private final Limits limits;
    private final ErrorStatuses errors;

    ClassificationService(ModelRegistry registry, Limits limits, ErrorStatuses errors) {
        this.registry = registry;
        this.limits = limits;
        this.errors = errors;
    }

    @Override
    public void classify(ClassifyRequest request, StreamObserver<ClassifyResponse> responses) {
        ClassifyResponse response;
        try {
            int topK = checkedTopK(request);
            checkTexts(request.getTextsList());
            ServedModel model = ModelSpecs.resolve(registry, request.getModelSpec());
            if (Context.current().isCancelled()) {
                responses.onError(Status.CANCELLED.withDescription("the call was cancelled or its deadline passed")
                        .asRuntimeException());
                return;
            }
            List<Prediction> predictions = model.loaded().classifier().predict(request.getTextsList(), topK);
            response = toResponse(model, predictions);
        } catch (RuntimeException e) {
            responses.onError(errors.toException(e));
            return;
        }
        responses.onNext(response);
        responses.onCompleted();
    }

    private static int checkedTopK(ClassifyRequest request) {
        if (request.getTopK() < 0) {
            throw new IllegalArgumentException("top_k must be 0 (meaning 1) or more, was " + request.getTopK());
        }
        return Math.max(1, request.getTopK());
    }

    private void checkTexts(List<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("texts is empty: send at least one text");
        }
        if (texts.size() > limits.maxTextsPerCall()) {
            throw new IllegalArgumentException(texts.size() + " texts in one call, the limit is "
                    + limits.maxTextsPerCall() + ": split the batch");
        }
        for (int i = 0; i < texts.size(); i++) {
            int length = texts.get(i).length();
            if (length > limits.maxTextChars()) {
                throw new IllegalArgumentException("texts[" + i + "] has " + length + " characters, the limit is "
                        + limits.maxTextChars());
            }
        }
    }

    private static ClassifyResponse toResponse(ServedModel model, List<Prediction> predictions) {
        ClassifyResponse.Builder response = ClassifyResponse.newBuilder().setModelSpec(ModelSpecs.of(model));
        for (Prediction prediction : predictions) {
            Classifications.Builder classes = response.addResultsBuilder();
            for (ScoredLabel label : prediction.labels()) {
                classes.addClasses(Class.newBuilder()
                        .setLabel(label.label()).setIndex(label.index()).setScore(label.probability()));
            }
        }
        return response.build();
    }
}
