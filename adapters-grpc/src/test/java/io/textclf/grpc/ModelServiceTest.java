package io.textclf.grpc;

import static io.textclf.grpc.Statuses.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.textclf.modelformat.ModelFileStore;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.Provenance;
import io.textclf.domain.model.RunSetting;
import io.textclf.proto.v1.GetModelMetadataRequest;
import io.textclf.proto.v1.GetModelMetadataResponse;
import io.textclf.proto.v1.ListModelsRequest;
import io.textclf.proto.v1.ListModelsResponse;
import io.textclf.proto.v1.ModelSpec;
import io.textclf.proto.v1.ModelVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelServiceTest {

    @TempDir
    Path folder;

    private InProcess server;

    @BeforeEach
    void start() throws Exception {
        Path models = folder.resolve("models");
        Fixtures.install(Fixtures.oneEpochModel(), models, "news", 1);
        Fixtures.install(Fixtures.twoEpochModel(), models, "news", 10);
        Fixtures.install(Fixtures.oneEpochModel(), models, "b-news", 3);
        Files.writeString(models.resolve("news").resolve("notes.txt"), "not a model");
        Files.createDirectories(models.resolve(".hidden"));
        Files.createDirectories(models.resolve("cli"));
        ModelArtifact trained = new ModelFileStore().load(Fixtures.oneEpochModel());
        Provenance p = trained.provenance();
        new ModelFileStore().save(new ModelArtifact(trained.pipeline(), trained.vocabulary(), trained.labels(),
                trained.parameters(), trained.settings(), trained.metrics(), new Provenance(p.datasets(), p.backend(),
                p.textclfVersion(), p.javaVersion(), p.createdAt(), p.os(), p.trainingSeconds(), List.of(
                        new RunSetting("data", "/srv/secret/data/ag_news", "experiment file /home/ops/exp.yaml"),
                        new RunSetting("output", "/srv/secret/out/model.textclf", "flag"),
                        new RunSetting("checkpoint-dir", "C:\\Users\\ops\\ckpt", "flag"),
                        new RunSetting("lr", "5.0", "checkpoint /srv/secret/ckpt/epoch-1.ckpt")),
                "/srv/secret/ckpt/epoch-1.ckpt")), models.resolve("cli").resolve("1.textclf"));
        server = InProcess.start(InProcess.settings(models, folder.resolve("data")));
    }

    @Test
    void runSettingsAndTheCheckpointResumedFromShowFileNamesOnly() {
        var provenance = server.models().getModelMetadata(GetModelMetadataRequest.newBuilder()
                .setModelSpec(ModelSpec.newBuilder().setName("cli")).build()).getProvenance();
        assertEquals(List.of("data=ag_news (experiment file exp.yaml)", "output=model.textclf (flag)",
                        "checkpoint-dir=ckpt (flag)", "lr=5.0 (checkpoint epoch-1.ckpt)"),
                provenance.getRunSettingsList().stream()
                        .map(r -> r.getName() + "=" + r.getValue() + " (" + r.getSource() + ")").toList());
        assertEquals("epoch-1.ckpt", provenance.getResumedFrom());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listsEveryModelWithItsVersionsAscending() {
        ListModelsResponse response = server.models().listModels(ListModelsRequest.getDefaultInstance());
        assertEquals(List.of(
                ModelVersions.newBuilder().setName("b-news").addVersions(3).build(),
                ModelVersions.newBuilder().setName("cli").addVersions(1).build(),
                ModelVersions.newBuilder().setName("news").addVersions(1).addVersions(10).build()),
                response.getModelsList());
        assertEquals("", response.getDefaultModel());
    }

    @Test
    void describesAVersion() {
        GetModelMetadataResponse response = server.models().getModelMetadata(GetModelMetadataRequest.newBuilder()
                .setModelSpec(ModelSpec.newBuilder().setName("news")).build());
        ModelArtifact artifact = new ModelFileStore().load(Fixtures.twoEpochModel());
        assertEquals(ModelSpec.newBuilder().setName("news").setVersion(10).build(), response.getModelSpec());
        assertEquals(List.of("World", "Sports", "Business", "Sci/Tech"), response.getLabelsList());
        assertEquals(artifact.vocabulary().size(), response.getVocabularySize());
        assertEquals(64, response.getEmbeddingDim());
        assertEquals("basic_english", response.getTokenizer());
        assertEquals(2, response.getHyperparameters().getEpochs());
        assertEquals(5.0, response.getHyperparameters().getLearningRate());
        assertEquals(artifact.metrics().testAccuracy(), response.getMetrics().getTestAccuracy());
        assertEquals(2, response.getMetrics().getEpochsCount());
        assertEquals("reference", response.getProvenance().getBackend());
        assertEquals(2, response.getProvenance().getDatasetsCount());
        assertFalse(response.getProvenance().getDatasets(0).getMd5().isEmpty());
        assertTrue(response.getProvenance().getDatasets(0).getPath().endsWith("train.csv"));
        for (var dataset : response.getProvenance().getDatasetsList()) {
            assertFalse(dataset.getPath().startsWith("/"), () -> "a server path leaks: " + dataset.getPath());
        }
    }

    @Test
    void unknownModelsAndVersionsAreNotFound() {
        assertFails(Status.Code.NOT_FOUND, "no model named 'sports' is served (served: b-news, cli, news)",
                () -> server.models().getModelMetadata(GetModelMetadataRequest.newBuilder()
                        .setModelSpec(ModelSpec.newBuilder().setName("sports")).build()));
        assertFails(Status.Code.NOT_FOUND, "model 'news' has no version 2 (versions: [1, 10])",
                () -> server.models().getModelMetadata(GetModelMetadataRequest.newBuilder()
                        .setModelSpec(ModelSpec.newBuilder().setName("news").setVersion(2)).build()));
    }
}
