package io.textclf.modelformat;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.train.TrainingState;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * The serialized {@code textclf.v1.Checkpoint} of a checkpoint, written as a stream: byte for byte the
 * message protobuf would serialize whole, without a copy of the parameters, the optimizer's buffers or the
 * best parameters in memory. The model (field 1) is a {@link ModelFilePayload}, the tensors of fields 8
 * and 10 are {@link StreamedTensors}, and protobuf writes the small fields between them; fields go in the
 * order of their numbers, as protobuf writes them.
 */
final class CheckpointPayload implements ChecksummedContainer.Payload {

    private final ModelFilePayload model;
    private final io.textclf.modelformat.v1.Checkpoint progress;
    private final StreamedTensors optimizerBuffers;
    private final io.textclf.modelformat.v1.Checkpoint bestEpoch;
    private final StreamedTensors bestParameters;
    private final io.textclf.modelformat.v1.Checkpoint tail;
    private final long size;

    CheckpointPayload(Checkpoint checkpoint) {
        TrainingState state = checkpoint.state();
        model = new ModelFilePayload(checkpoint.model());
        progress = io.textclf.modelformat.v1.Checkpoint.newBuilder()
                .setBatchesDone(state.batchesDone())
                .setPartialExamples(state.partial().examplesSeen())
                .setPartialCorrect(state.partial().correct())
                .setPartialLossSum(state.partial().lossSum())
                .setPartialSeconds(state.partial().seconds())
                .setOptimizerSteps(state.optimizer().steps())
                .build();
        optimizerBuffers = new StreamedTensors(io.textclf.modelformat.v1.Checkpoint.OPTIMIZER_BUFFERS_FIELD_NUMBER,
                state.optimizer().buffers());
        bestEpoch = io.textclf.modelformat.v1.Checkpoint.newBuilder().setBestEpoch(state.bestEpoch()).build();
        boolean bestIsCurrent = state.bestParameters().filter(best -> isCurrent(best, state)).isPresent();
        Map<String, Tensor> best = state.bestParameters().filter(b -> !bestIsCurrent).map(StateDict::tensors)
                .orElse(Map.of());
        bestParameters = new StreamedTensors(io.textclf.modelformat.v1.Checkpoint.BEST_PARAMETERS_FIELD_NUMBER, best);
        tail = io.textclf.modelformat.v1.Checkpoint.newBuilder().setBestIsCurrent(bestIsCurrent)
                .setDataset(checkpoint.dataset()).build();
        size = CodedOutputStream.computeTagSize(io.textclf.modelformat.v1.Checkpoint.MODEL_FIELD_NUMBER)
                + CodedOutputStream.computeUInt64SizeNoTag(model.size()) + model.size()
                + progress.getSerializedSize() + optimizerBuffers.size() + bestEpoch.getSerializedSize()
                + bestParameters.size() + tail.getSerializedSize();
    }

    /** The best parameters are stored once when they are the current ones. */
    private static boolean isCurrent(StateDict best, TrainingState state) {
        return best == state.parameters() || best.equals(state.parameters());
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void writeTo(OutputStream stream) throws IOException {
        CodedOutputStream out = CodedOutputStream.newInstance(stream, 1 << 16);
        out.writeTag(io.textclf.modelformat.v1.Checkpoint.MODEL_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        // the container refuses a payload of more than MAX_FILE_BYTES before writing it: every length fits an int
        out.writeUInt32NoTag(Math.toIntExact(model.size()));
        out.flush();
        model.writeTo(stream);
        progress.writeTo(out);
        optimizerBuffers.writeTo(out);
        bestEpoch.writeTo(out);
        bestParameters.writeTo(out);
        tail.writeTo(out);
        out.flush();
    }
}
