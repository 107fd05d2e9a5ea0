package io.textclf.modelformat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.train.OptimizerState;
import io.textclf.domain.train.PartialEpoch;
import io.textclf.domain.train.TrainingState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint's payload, written as a stream, is byte for byte the {@code Checkpoint} message protobuf
 * serializes whole (so checkpoints written before it was streamed still load, and the other way round).
 */
class CheckpointPayloadTest {

    @Test
    void sameBytesAsProtobufWithOptimizerBuffersAndSeparateBestParameters() {
        ModelArtifact model = CheckpointAndExtendedModelFileTest.extended();
        StateDict best = new UniformInitializer(0.5, 9).initialize(model.parameters().dims());
        TrainingState state = new TrainingState(model.parameters(), new OptimizerState(123, adamBuffers(model)),
                model.metrics().epochs(), 7, new PartialEpoch(448, 300, 201.25, 1.5), Optional.of(best), 2);
        assertSameAsProtobuf(new Checkpoint(model, state, "data/news"));
    }

    @Test
    void sameBytesAsProtobufWhenTheBestParametersAreTheCurrentOnesOrAbsent() {
        ModelArtifact model = CheckpointAndExtendedModelFileTest.extended();
        TrainingState bestIsCurrent = new TrainingState(model.parameters(), OptimizerState.NONE,
                model.metrics().epochs(), 0, PartialEpoch.START, Optional.of(model.parameters()), 2);
        assertSameAsProtobuf(new Checkpoint(model, bestIsCurrent, "data/news"));
        Map<String, Tensor> copies = new LinkedHashMap<>();
        model.parameters().tensors().forEach((name, tensor) -> copies.put(name, new Tensor(tensor.shape(),
                tensor.values())));
        TrainingState bestEqualToCurrent = new TrainingState(model.parameters(), OptimizerState.NONE,
                model.metrics().epochs(), 0, PartialEpoch.START, Optional.of(new StateDict(copies)), 2);
        assertSameAsProtobuf(new Checkpoint(model, bestEqualToCurrent, "data/news"));
        assertSameAsProtobuf(new Checkpoint(ModelFileStoreTest.artifact(),
                TrainingState.start(ModelFileStoreTest.artifact().parameters()), ""));
    }

    @Test
    void aCheckpointOfSeveralMegabytesHoldsProtobufsBytesAndLoadsBack(@TempDir Path dir) throws IOException {
        ModelArtifact base = CheckpointAndExtendedModelFileTest.extended();
        ModelDims dims = new ModelDims(5000, 64, base.labels().size());
        StateDict parameters = new UniformInitializer(0.5, 3).initialize(dims);
        List<String> tokens = IntStream.range(0, dims.vocabSize()).mapToObj(i -> i == 0 ? "<unk>" : "token" + i)
                .toList();
        ModelArtifact model = new ModelArtifact(base.pipeline(), new Vocabulary(tokens, 0), base.labels(), parameters,
                base.settings(), base.metrics(), base.provenance());
        StateDict best = new UniformInitializer(0.5, 4).initialize(dims);
        TrainingState state = new TrainingState(parameters, new OptimizerState(9, adamBuffers(model)),
                base.metrics().epochs(), 3, new PartialEpoch(192, 100, 80.5, 0.25), Optional.of(best), 1);
        Checkpoint checkpoint = new Checkpoint(model, state, "data/large");
        Path file = dir.resolve("epoch-0002-batch-000003.ckpt");

        new CheckpointStore().save(checkpoint, file);

        byte[] bytes = Files.readAllBytes(file);
        byte[] expected = WholeMessages.checkpoint(checkpoint).toByteArray();
        assertTrue(expected.length > 4 << 20, "several megabytes: " + expected.length);
        assertArrayEquals(expected, Arrays.copyOfRange(bytes, ChecksummedContainer.HEADER_BYTES, bytes.length));
        assertEquals(state, new CheckpointStore().load(file).state());
    }

    /** Adam's two moments of every parameter, each different. */
    private static Map<String, Tensor> adamBuffers(ModelArtifact model) {
        Map<String, Tensor> buffers = new LinkedHashMap<>();
        int seed = 20;
        for (Map.Entry<String, Tensor> parameter : model.parameters().tensors().entrySet()) {
            for (String moment : new String[] {"exp_avg", "exp_avg_sq"}) {
                float[] values = new float[parameter.getValue().size()];
                Random random = new Random(seed++);
                for (int i = 0; i < values.length; i++) {
                    values[i] = random.nextFloat() - 0.5f;
                }
                buffers.put(parameter.getKey() + "." + moment, new Tensor(parameter.getValue().shape(), values));
            }
        }
        return buffers;
    }

    private static void assertSameAsProtobuf(Checkpoint checkpoint) {
        io.textclf.modelformat.v1.Checkpoint whole = WholeMessages.checkpoint(checkpoint);
        CheckpointPayload payload = new CheckpointPayload(checkpoint);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try {
            payload.writeTo(written);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(whole.getSerializedSize(), payload.size());
        assertArrayEquals(whole.toByteArray(), written.toByteArray());
    }
}
