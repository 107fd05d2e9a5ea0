package io.textclf.modelformat;

import com.google.protobuf.CodedInputStream;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.train.OptimizerState;
import io.textclf.domain.train.PartialEpoch;
import io.textclf.domain.train.TrainingState;
import io.textclf.modelformat.v1.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes training checkpoints: a {@code textclf.v1.Checkpoint} message in the model file's
 * container with the magic {@code TEXTCKP\0}, written atomically and checked by SHA-256 on reading.
 */
public final class CheckpointStore {

    static final byte[] MAGIC = ChecksummedContainer.magic("TEXTCKP\0");

    /** Writes {@code checkpoint} to {@code target} as a stream, atomically (see {@link CheckpointPayload}). */
    public void save(Checkpoint checkpoint, Path target) {
        ChecksummedContainer.write(target, MAGIC, new CheckpointPayload(checkpoint), "checkpoint");
    }

    /**
     * @throws ModelFileException naming the file when it is missing, corrupt or inconsistent
     */
    public Checkpoint load(Path source) {
        CodedInputStream payload = ChecksummedContainer.read(source, MAGIC, "checkpoint");
        io.textclf.modelformat.v1.Checkpoint proto;
        try {
            proto = io.textclf.modelformat.v1.Checkpoint.parseFrom(payload);
        } catch (IOException e) {
            throw new ModelFileException(source + ": payload is not a valid Checkpoint message: " + e.getMessage(), e);
        }
        ModelFile file = proto.getModel();
        ModelArtifact model = ModelFileCodec.fromProto(file, source.toString());
        try {
            Map<String, Tensor> buffers = ModelFileCodec.tensors(proto.getOptimizerBuffersList());
            Optional<StateDict> best = proto.getBestIsCurrent() ? Optional.of(model.parameters())
                    : proto.getBestParametersCount() == 0 ? Optional.empty()
                    : Optional.of(new StateDict(ModelFileCodec.tensors(proto.getBestParametersList())));
            TrainingState state = new TrainingState(model.parameters(),
                    new OptimizerState(proto.getOptimizerSteps(), buffers), model.metrics().epochs(),
                    proto.getBatchesDone(), new PartialEpoch(proto.getPartialExamples(), proto.getPartialCorrect(),
                    proto.getPartialLossSum(), proto.getPartialSeconds()), best, proto.getBestEpoch());
            return new Checkpoint(model, state, proto.getDataset());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(source + ": inconsistent checkpoint: " + e.getMessage(), e);
        }
    }
}
