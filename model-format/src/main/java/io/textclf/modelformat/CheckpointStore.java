package io.textclf.modelformat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.train.OptimizerState;
import io.textclf.domain.train.PartialEpoch;
import io.textclf.domain.train.TrainingState;
import io.textclf.modelformat.v1.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes training checkpoints: a {@code textclf.v1.Checkpoint} message in the model file's
 * container with the magic {@code TEXTCKP\0}, written atomically and checked by SHA-256 on reading.
 */
public final class CheckpointStore {

    /** Writes {@code checkpoint} to {@code target} as a stream, atomically (see {@link CheckpointPayload}). */
    public void save(Checkpoint checkpoint, Path target) {
        ChecksummedContainer.write(target, ContainerKind.CHECKPOINT, new CheckpointPayload(checkpoint));
    }

    /**
     * Whether {@code file} is a regular file that starts as a checkpoint does (the rest is checked by {@link #load});
     * false when it is not, or cannot be read. Never blocks on a pipe.
     */
    public static boolean isCheckpoint(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            return ContainerKind.CHECKPOINT.matches(ChecksummedContainer.start(file));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @throws ModelFileException naming the file when it is missing, corrupt or inconsistent, or its weights are not
     *                            finite (a run that diverged between two checks of its loss)
     */
    public Checkpoint load(Path source) {
        int modelField = io.textclf.modelformat.v1.Checkpoint.MODEL_FIELD_NUMBER;
        int buffersField = io.textclf.modelformat.v1.Checkpoint.OPTIMIZER_BUFFERS_FIELD_NUMBER;
        int bestField = io.textclf.modelformat.v1.Checkpoint.BEST_PARAMETERS_FIELD_NUMBER;
        StreamedFields.Fields fields = ChecksummedContainer.read(source, ContainerKind.CHECKPOINT,
                payload -> StreamedFields.read(payload, Set.of(buffersField, bestField),
                        Map.of(modelField, Set.of(ModelFile.PARAMETERS_FIELD_NUMBER))));
        StreamedFields.Fields modelFields = fields.nestedOf(modelField);
        io.textclf.modelformat.v1.Checkpoint proto;
        ModelFile file;
        try {
            proto = io.textclf.modelformat.v1.Checkpoint.parseFrom(fields.others());
            file = ModelFile.parseFrom(modelFields.others());
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFileException(source + ": payload is not a valid Checkpoint message: " + e.getMessage(), e);
        }
        ModelArtifact model = ModelFileStore.checkFinite(ModelFileCodec.fromProto(file,
                modelFields.tensorsOf(ModelFile.PARAMETERS_FIELD_NUMBER), source.toString()), source, "checkpoint");
        try {
            Map<String, Tensor> buffers = ModelFileCodec.tensors(fields.tensorsOf(buffersField));
            List<StreamedFields.RawTensor> bestTensors = fields.tensorsOf(bestField);
            Optional<StateDict> best = proto.getBestIsCurrent() ? Optional.of(model.parameters())
                    : bestTensors.isEmpty() ? Optional.empty()
                    : Optional.of(new StateDict(ModelFileCodec.tensors(bestTensors)));
            TrainingState state = new TrainingState(model.parameters(),
                    new OptimizerState(proto.getOptimizerSteps(), buffers), model.metrics().epochs(),
                    proto.getBatchesDone(), new PartialEpoch(proto.getPartialExamples(), proto.getPartialCorrect(),
                    proto.getPartialLossSum(), proto.getPartialSeconds()), best, proto.getBestEpoch());
            return new Checkpoint(model, state, proto.getDataset());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ModelFileException(source + ": inconsistent checkpoint: " + e.getMessage(), e);
        }
    }
}
