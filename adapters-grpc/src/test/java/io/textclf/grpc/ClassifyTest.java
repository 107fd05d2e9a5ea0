package io.textclf.grpc;

import static io.textclf.grpc.Statuses.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import io.textclf.application.predict.ClassifierLoader;
import io.textclf.application.predict.LoadedClassifier;
import io.textclf.domain.predict.Prediction;
import io.textclf.proto.v1.ClassifyRequest;
import io.textclf.proto.v1.ClassifyResponse;
import io.textclf.proto.v1.ModelSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyTest {

    @TempDir
    Path folder;

    private InProcess server;

    @BeforeEach
    void start() {
        Path models = folder.resolve("models");
        Fixtures.install(Fixtures.oneEpochModel(), models, "news", 1);
        Fixtures.install(Fixtures.twoEpochModel(), models, "news", 2);
        server = InProcess.start(InProcess.settings(models, folder.resolve("data"))
                .withLimits(new Limits(3, 200, 1 << 20, 1 << 20, 1)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void classifiesEachTextInOrderWithTheNewestVersionByDefault() {
        ClassifyResponse response = server.classification().classify(request(Fixtures.NEWS.subList(0, 3), 2));
        assertEquals(ModelSpec.newBuilder().setName("news").setVersion(2).build(), response.getModelSpec());
        assertSame(expected(Fixtures.twoEpochModel(), Fixtures.NEWS.subList(0, 3), 2), response);
    }

    @Test
    void classifiesWithTheVersionAsked() {
        ClassifyRequest request = request(Fixtures.NEWS.subList(1, 4), 4).toBuilder()
                .setModelSpec(ModelSpec.newBuilder().setName("news").setVersion(1)).build();
        ClassifyResponse response = server.classification().classify(request);
        assertEquals(1, response.getModelSpec().getVersion());
        assertSame(expected(Fixtures.oneEpochModel(), Fixtures.NEWS.subList(1, 4), 4), response);
    }

    @Test
    void largeBatchesAnsweredOnTheClassifyExecutorOrInlineAgree() {
        List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            texts.addAll(Fixtures.NEWS);
        }
        List<Prediction> expected = expected(Fixtures.twoEpochModel(), texts, 2);
        for (int threads : new int[] {2, 0}) {
            server.close();
            server = InProcess.start(InProcess.settings(folder.resolve("models"), folder.resolve("data"))
                    .withClassifyThreads(threads));
            assertSame(expected, server.classification().classify(request(texts, 2)));
            assertSame(expected.subList(0, 1), server.classification().classify(request(texts.subList(0, 1), 2)));
        }
    }

    @Test
    void eachResultTellsHowManyOfTheTextsWordsTheModelKnew() {
        ClassifyResponse response = server.classification().classify(request(List.of("Stocks fell sharply xqzv "
                + "qqzzk", "xqzv qqzzk", ""), 1));
        assertEquals(List.of(5, 2, 0), response.getResultsList().stream().map(r -> r.getWords()).toList());
        assertEquals(List.of(3, 0, 0), response.getResultsList().stream().map(r -> r.getKnownWords()).toList());
    }

    @Test
    void topKZeroMeansOneAndTooLargeMeansAll() {
        assertEquals(1, server.classification().classify(request(List.of("stocks"), 0))
                .getResults(0).getClassesCount());
        assertEquals(4, server.classification().classify(request(List.of("stocks"), 99))
                .getResults(0).getClassesCount());
    }

    @Test
    void unknownModelOrVersionIsNotFound() {
        assertFails(Status.Code.NOT_FOUND, "no model named 'sports'", () -> server.classification().classify(
                request(List.of("x"), 1).toBuilder().setModelSpec(ModelSpec.newBuilder().setName("sports")).build()));
        assertFails(Status.Code.NOT_FOUND, "has no version 7", () -> server.classification().classify(
                request(List.of("x"), 1).toBuilder().setModelSpec(ModelSpec.newBuilder().setName("news")
                        .setVersion(7)).build()));
        assertFails(Status.Code.INVALID_ARGUMENT, "model name '../x' is not allowed", () -> server.classification()
                .classify(request(List.of("x"), 1).toBuilder().setModelSpec(ModelSpec.newBuilder().setName("../x"))
                        .build()));
    }

    @Test
    void badRequestsAreInvalidArguments() {
        assertFails(Status.Code.INVALID_ARGUMENT, "texts is empty", () -> server.classification()
                .classify(request(List.of(), 1)));
        assertFails(Status.Code.INVALID_ARGUMENT, "texts holds 4 texts, the limit per call is 3", () -> server
                .classification().classify(request(Fixtures.NEWS, 1)));
        assertFails(Status.Code.INVALID_ARGUMENT, "texts[1] has 201 characters, the limit is 200", () -> server
                .classification().classify(request(List.of("ok", "a".repeat(201)), 1)));
        assertFails(Status.Code.INVALID_ARGUMENT, "top_k must be 0", () -> server.classification()
                .classify(request(List.of("ok"), -1)));
        assertFails(Status.Code.INVALID_ARGUMENT, "version must be at least 1", () -> server.classification()
                .classify(request(List.of("ok"), 1).toBuilder().setModelSpec(ModelSpec.newBuilder()
                        .setName("news").setVersion(0)).build()));
    }

    @Test
    void aPassedDeadlineEndsTheCall() {
        assertFails(Status.Code.DEADLINE_EXCEEDED, "", () -> server.classification()
                .withDeadlineAfter(-1, TimeUnit.MILLISECONDS).classify(request(List.of("ok"), 1)));
    }

    @Test
    void withSeveralModelsAndNoDefaultTheNameIsNeeded() {
        server.close();
        Path models = folder.resolve("models");
        Fixtures.install(Fixtures.oneEpochModel(), models, "other", 1);
        server = InProcess.start(InProcess.settings(models, folder.resolve("data")));
        assertFails(Status.Code.INVALID_ARGUMENT, "a model name is needed: this server serves news, other",
                () -> server.classification().classify(request(List.of("ok"), 1)));
        server.close();
        server = InProcess.start(InProcess.settings(models, folder.resolve("data"))
                .withDefaultModel(Optional.of("other")));
        assertEquals("other", server.classification().classify(request(List.of("ok"), 1)).getModelSpec().getName());
    }

    @Test
    void anEmptyModelsDirectoryAnswersNotFound() {
        server.close();
        server = InProcess.start(InProcess.settings(folder.resolve("empty"), folder.resolve("data")));
        assertFails(Status.Code.NOT_FOUND, "no model is served yet", () -> server.classification()
                .classify(request(List.of("ok"), 1)));
    }

    static ClassifyRequest request(List<String> texts, int topK) {
        return ClassifyRequest.newBuilder().addAllTexts(texts).setTopK(topK).build();
    }

    static List<Prediction> expected(Path modelFile, List<String> texts, int topK) {
        try (LoadedClassifier loaded = Fixtures.injector().getInstance(ClassifierLoader.class)
                .load(modelFile, "reference")) {
            return loaded.classifier().predict(texts, topK);
        }
    }

    /** The response holds exactly the predictions: same labels, indices and scores, in order. */
    static void assertSame(List<Prediction> expected, ClassifyResponse response) {
        assertEquals(expected.size(), response.getResultsCount());
        for (int i = 0; i < expected.size(); i++) {
            var classes = response.getResults(i).getClassesList();
            var labels = expected.get(i).labels();
            assertEquals(expected.get(i).words(), response.getResults(i).getWords());
            assertEquals(expected.get(i).knownWords(), response.getResults(i).getKnownWords());
            assertEquals(labels.size(), classes.size());
            for (int k = 0; k < labels.size(); k++) {
                assertEquals(labels.get(k).label(), classes.get(k).getLabel());
                assertEquals(labels.get(k).index(), classes.get(k).getIndex());
                assertEquals(labels.get(k).probability(), classes.get(k).getScore());
            }
        }
    }
}
