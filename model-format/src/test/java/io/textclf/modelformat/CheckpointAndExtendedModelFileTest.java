package io.textclf.modelformat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.metrics.ClassificationMetrics;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.ModelMetrics;
import io.textclf.domain.model.Provenance;
import io.textclf.domain.model.RunSetting;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.OptimizerSpec;
import io.textclf.domain.train.OptimizerState;
import io.textclf.domain.train.PartialEpoch;
import io.textclf.domain.train.SchedulerSpec;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.domain.train.TrainingState;
import io.textclf.domain.train.ValidationMetric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model file's newer fields and the checkpoint file. */
class CheckpointAndExtendedModelFileTest {

    @TempDir
    Path dir;

    private static final List<EpochSummary> EPOCHS = List.of(
            new EpochSummary(1, 0.9, 0.6, 0.7, 0.01, 0.5, 0.8, 0.65),
            new EpochSummary(2, 0.7, 0.7, 0.75, 0.005, 0.5, 0.6, 0.7));

    static ModelArtifact extended() {
        ModelArtifact base = ModelFileStoreTest.artifact();
        TrainingSettings settings = TrainingSettings.tutorial().withEpochs(2).withLearningRate(0.01)
                .withOptimizer(new OptimizerSpec.Adam(0.8, 0.99, 1e-6, 0.01))
                .withScheduler(new SchedulerSpec.ReduceOnPlateau(2, 1e-3, 1, 1e-5))
                .withEarlyStopping(ValidationMetric.MACRO_F1, 3, 0.001);
        ClassificationMetrics test = ClassificationMetrics.of(base.labels(), 0.5, new long[][] {{3, 1}, {0, 4}},
                new long[] {6, 8});
        ModelMetrics metrics = new ModelMetrics(0.75, 0.5, 8, 0.75, EPOCHS, Optional.of(test), 2, 1,
                "validation macro-f1 did not improve");
        Provenance p = base.provenance();
        Provenance provenance = new Provenance(p.datasets(), p.backend(), p.textclfVersion(), p.javaVersion(),
                p.createdAt(), p.os(), p.trainingSeconds(),
                List.of(new RunSetting("lr", "0.01", "experiment file e.yaml"), new RunSetting("seed", "1", "default")),
                "runs/a/epoch-0001.ckpt");
        return new ModelArtifact(base.pipeline(), base.vocabulary(), base.labels(), base.parameters(), settings,
                metrics, provenance);
    }

    @Test
    void everyNewFieldSurvivesTheRoundTrip() {
        Path file = dir.resolve("extended.textclf");
        ModelArtifact original = extended();
        new ModelFileStore().save(original, file);
        ModelArtifact loaded = new ModelFileStore().load(file);
        assertEquals(original.settings(), loaded.settings());
        assertEquals(original.metrics(), loaded.metrics());
        assertEquals(original.provenance(), loaded.provenance());
        assertEquals(1.0, loaded.metrics().test().orElseThrow().perClass().get(0).precision());
        assertEquals(0.75, loaded.metrics().test().orElseThrow().perClass().get(0).recall());
        assertArrayEquals(new long[][] {{3, 1}, {0, 4}}, loaded.metrics().test().orElseThrow().confusion(),
                "confusion[actual][predicted], not transposed");
    }

    /** Files written before the validation loss and macro-F1 were recorded read them as unknown, not as 0. */
    @Test
    void anEpochWithoutValidationLossOrMacroF1ReadsThemAsNaN() {
        io.textclf.modelformat.v1.Metrics old = io.textclf.modelformat.v1.Metrics.newBuilder()
                .addEpochs(io.textclf.modelformat.v1.EpochMetrics.newBuilder().setEpoch(1).setTrainLoss(0.9)
                        .setTrainAccuracy(0.6).setValidationAccuracy(0.7).setLearningRate(5).setSeconds(0.4))
                .build();
        EpochSummary epoch = ModelFileCodec.fromProto(old, List.of("a", "b")).epochs().get(0);
        assertTrue(Double.isNaN(epoch.validationLoss()), String.valueOf(epoch.validationLoss()));
        assertTrue(Double.isNaN(epoch.validationMacroF1()), String.valueOf(epoch.validationMacroF1()));
        assertEquals(0.7, epoch.validationAccuracy());
    }

    @Test
    void aCheckpointKeepsTheTrainingStateExactly() {
        ModelArtifact model = extended();
        StateDict parameters = model.parameters();
        StateDict best = new UniformInitializer(0.5, 9).initialize(new ModelDims(4, 3, 2));
        Map<String, Tensor> buffers = new LinkedHashMap<>();
        buffers.put("embedding.weight.exp_avg", new Tensor(new int[] {4, 3}, new float[12]));
        buffers.put("fc.bias.exp_avg_sq", new Tensor(new int[] {2}, new float[] {1e-9f, Float.MIN_VALUE}));
        TrainingState state = new TrainingState(parameters, new OptimizerState(123, buffers), EPOCHS, 7,
                new PartialEpoch(448, 300, 201.25, 1.5), Optional.of(best), 2);
        Path file = dir.resolve("epoch-0003-batch-000007.ckpt");
        new CheckpointStore().save(new Checkpoint(model, state, "data/news"), file);
        Checkpoint loaded = new CheckpointStore().load(file);
        assertEquals(state, loaded.state());
        assertEquals("data/news", loaded.dataset());
        assertEquals(model.settings(), loaded.model().settings());
        assertEquals(model.vocabulary().tokens(), loaded.model().vocabulary().tokens());

        TrainingState bestIsCurrent = new TrainingState(parameters, OptimizerState.NONE, EPOCHS, 0, PartialEpoch.START,
                Optional.of(parameters), 2);
        new CheckpointStore().save(new Checkpoint(model, bestIsCurrent, "data/news"), file);
        TrainingState reloaded = new CheckpointStore().load(file).state();
        assertSame(reloaded.parameters(), reloaded.bestParameters().orElseThrow(), "stored once");
    }

    @Test
    void aCheckpointOfARunThatDivergedIsRefusedNamingTheTensor() {
        ModelArtifact model = extended();
        float[] bias = model.parameters().get(StateDict.FC_BIAS).values();
        bias[1] = Float.POSITIVE_INFINITY;
        StateDict diverged = StateDict.of(model.parameters().get(StateDict.EMBEDDING_WEIGHT),
                model.parameters().get(StateDict.FC_WEIGHT), new Tensor(new int[] {bias.length}, bias));
        ModelArtifact poisoned = new ModelArtifact(model.pipeline(), model.vocabulary(), model.labels(), diverged,
                model.settings(), model.metrics(), model.provenance());
        Path file = dir.resolve("epoch-0002-batch-000040.ckpt");
        new CheckpointStore().save(new Checkpoint(poisoned, TrainingState.start(diverged), "d"), file);
        ModelFileException e = assertThrows(ModelFileException.class, () -> new CheckpointStore().load(file));
        assertEquals(file + ": fc.bias holds Infinity at index 1; the checkpoint is unusable", e.getMessage());
    }

    @Test
    void modelFilesAndCheckpointsAreNotTakenForEachOther() throws IOException {
        Path model = dir.resolve("m.textclf");
        new ModelFileStore().save(extended(), model);
        ModelFileException e = assertThrows(ModelFileException.class, () -> new CheckpointStore().load(model));
        assertEquals(model + ": a textclf model file, not a checkpoint", e.getMessage());
        Path checkpoint = dir.resolve("c.ckpt");
        new CheckpointStore().save(new Checkpoint(extended(), TrainingState.start(extended().parameters()), "d"),
                checkpoint);
        ModelFileException modelFromCheckpoint = assertThrows(ModelFileException.class,
                () -> new ModelFileStore().load(checkpoint));
        assertEquals(checkpoint + ": a textclf checkpoint, not a model file ('textclf info " + checkpoint
                + "' says where its run stands and the command that resumes it)",
                modelFromCheckpoint.getMessage());
        assertTrue(CheckpointStore.isCheckpoint(checkpoint));
        assertFalse(CheckpointStore.isCheckpoint(model));
        assertFalse(CheckpointStore.isCheckpoint(dir.resolve("none.ckpt")), "a missing file is no checkpoint");
        byte[] bytes = Files.readAllBytes(checkpoint);
        bytes[bytes.length - 3] ^= 1;
        Files.write(checkpoint, bytes);
        e = assertThrows(ModelFileException.class, () -> new CheckpointStore().load(checkpoint));
        assertTrue(e.getMessage().endsWith("checksum mismatch: the file is corrupt"), e.getMessage());
    }
}
