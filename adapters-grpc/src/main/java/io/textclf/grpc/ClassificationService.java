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
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code textclf.v1.ClassificationService}: one batch of texts through a served model per call.
 *
 * <p>The call arrives on a network thread. A small request (at most {@link #INLINE_MAX_TEXTS} texts
 * and {@link #INLINE_MAX_CHARS} characters) is answered right there, which saves two thread hand-offs
 * per call; a larger one is handed to the classify executor, so that the network thread moves on
 * and large batches of one connection use every core. With no executor every request is answered
 * inline.
 */
final class ClassificationService extends ClassificationServiceGrpc.ClassificationServiceImplBase {

    static final int INLINE_MAX_TEXTS = 4;
    static final int INLINE_MAX_CHARS = 4096;

    private final ModelRegistry registry;
    private final Limits limits;
    private final ErrorStatuses errors;
    private final Optional<Executor> offload;

    ClassificationService(ModelRegistry registry, Limits limits, ErrorStatuses errors, Optional<Executor> offload) {
        this.registry = registry;
        this.limits = limits;
        this.errors = errors;
        this.offload = offload;
    }

    @Override
    public void classify(ClassifyRequest request, StreamObserver<ClassifyResponse> responses) {
        ServedModel model;
        int topK;
        long characters;
        try {
            topK = checkedTopK(request);
            characters = limits.checkTexts(request.getTextsList(), "texts");
            model = ModelSpecs.resolve(registry, request.getModelSpec());
        } catch (RuntimeException e) {
            responses.onError(errors.toException(e));
            return;
        }
        Context context = Context.current();
        CallRecord record = CallRecord.current();
        if (offload.isEmpty() || (request.getTextsCount() <= INLINE_MAX_TEXTS && characters <= INLINE_MAX_CHARS)) {
            answer(request, model, topK, context, record, responses);
            return;
        }
        try {
            offload.get().execute(() -> answer(request, model, topK, context, record, responses));
        } catch (RejectedExecutionException e) {
            responses.onError(Status.UNAVAILABLE.withDescription("the server is shutting down").asRuntimeException());
        }
    }

    private void answer(ClassifyRequest request, ServedModel model, int topK, Context context, CallRecord record,
                        StreamObserver<ClassifyResponse> responses) {
        ClassifyResponse response;
        try {
            if (context.isCancelled()) {
                responses.onError(ErrorStatuses.ofCancelled(context).asRuntimeException());
                return;
            }
            response = toResponse(model, model.loaded().classifier().predict(request.getTextsList(), topK));
        } catch (RuntimeException e) {
            responses.onError(errors.toException(e));
            return;
        }
        record.answeredBy(model, request.getTextsCount());
        responses.onNext(response);
        responses.onCompleted();
    }

    private static int checkedTopK(ClassifyRequest request) {
        if (request.getTopK() < 0) {
            throw new IllegalArgumentException("top_k must be 0 (meaning 1) or more, was " + request.getTopK());
        }
        return Math.max(1, request.getTopK());
    }

    private static ClassifyResponse toResponse(ServedModel model, List<Prediction> predictions) {
        ClassifyResponse.Builder response = ClassifyResponse.newBuilder().setModelSpec(ModelSpecs.of(model));
        for (Prediction prediction : predictions) {
            Classifications.Builder classes = response.addResultsBuilder().setWords(prediction.words())
                    .setKnownWords(prediction.knownWords());
            for (ScoredLabel label : prediction.labels()) {
                classes.addClasses(Class.newBuilder()
                        .setLabel(label.label()).setIndex(label.index()).setScore(label.probability()));
            }
        }
        return response.build();
    }
}
