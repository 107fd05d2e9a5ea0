package io.textclf.modelformat;

import com.google.protobuf.UnsafeByteOperations;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.train.TrainingState;
import io.textclf.modelformat.v1.ModelFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Model files and checkpoints as whole protobuf messages, built field by field as the schema describes them:
 * what the streamed writers and readers are checked against.
 */
final class WholeMessages {

    private WholeMessages() {
    }

    static ModelFile modelFile(ModelArtifact artifact) {
        ModelFile.Builder file = ModelFileCodec.withoutVocabularyAndParameters(artifact).toBuilder()
                .addAllVocabulary(artifact.vocabulary().tokens());
        artifact.parameters().tensors().forEach((name, tensor) -> file.addParameters(tensor(name, tensor)));
        return file.build();
    }

    static io.textclf.modelformat.v1.Tensor tensor(String name, Tensor tensor) {
        ByteBuffer data = ByteBuffer.allocate(tensor.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        tensor.copyInto(data.asFloatBuffer());
        return ModelFileCodec.withoutData(name, tensor).toBuilder()
                .setData(UnsafeByteOperations.unsafeWrap(data.array())).build();
    }

    static io.textclf.modelformat.v1.Checkpoint checkpoint(Checkpoint checkpoint) {
        TrainingState state = checkpoint.state();
        io.textclf.modelformat.v1.Checkpoint.Builder builder = io.textclf.modelformat.v1.Checkpoint.newBuilder()
                .setModel(modelFile(checkpoint.model()))
                .setBatchesDone(state.batchesDone())
                .setPartialExamples(state.partial().examplesSeen())
                .setPartialCorrect(state.partial().correct())
                .setPartialLossSum(state.partial().lossSum())
                .setPartialSeconds(state.partial().seconds())
                .setOptimizerSteps(state.optimizer().steps())
                .setBestEpoch(state.bestEpoch())
                .setDataset(checkpoint.dataset());
        state.optimizer().buffers().forEach((name, tensor) -> builder.addOptimizerBuffers(tensor(name, tensor)));
        state.bestParameters().ifPresent(best -> {
            if (best.equals(state.parameters())) {
                builder.setBestIsCurrent(true);
            } else {
                best.tensors().forEach((name, tensor) -> builder.addBestParameters(tensor(name, tensor)));
            }
        });
        return builder.build();
    }
}
