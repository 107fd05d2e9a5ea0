package io.textclf.modelformat;

import com.google.protobuf.CodedOutputStream;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.modelformat.v1.ModelFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The serialized {@code ModelFile} of an artifact, written as a stream: byte for byte what
 * protobuf gives for the whole {@code ModelFile} message, without a copy of the model in memory.
 * Protobuf writes the small fields; the two large ones are written here: the vocabulary (field 3) in one
 * loop over its tokens, and the parameter tensors (field 6) by {@link StreamedTensors}. Protobuf writes
 * fields in the order of their numbers, so fields 1-2, 3, 4-5, 6 and 7-10 written one after the other give
 * its bytes.
 */
final class ModelFilePayload implements ChecksummedContainer.Payload {

    private final ModelFile head;
    private final List<byte[]> tokens;
    private final ModelFile middle;
    private final StreamedTensors parameters;
    private final ModelFile tail;
    private final long size;

    ModelFilePayload(ModelArtifact artifact) {
        ModelFile rest = ModelFileCodec.withoutVocabularyAndParameters(artifact);
        head = ModelFile.newBuilder().setFormatVersion(rest.getFormatVersion()).setTokenizer(rest.getTokenizer())
                .build();
        middle = ModelFile.newBuilder().setDefaultIndex(rest.getDefaultIndex()).addAllLabels(rest.getLabelsList())
                .build();
        tail = rest.toBuilder().clearFormatVersion().clearTokenizer().clearDefaultIndex().clearLabels().build();
        tokens = new ArrayList<>(artifact.vocabulary().size());
        for (String token : artifact.vocabulary().tokens()) {
            // protobuf's encoding of a string: UTF-8, an unpaired surrogate as '?'
            tokens.add(token.getBytes(StandardCharsets.UTF_8));
        }
        parameters = new StreamedTensors(ModelFile.PARAMETERS_FIELD_NUMBER, artifact.parameters().tensors());
        long total = (long) head.getSerializedSize() + middle.getSerializedSize() + parameters.size()
                + tail.getSerializedSize();
        for (byte[] token : tokens) {
            total += CodedOutputStream.computeByteArraySize(ModelFile.VOCABULARY_FIELD_NUMBER, token);
        }
        size = total;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void writeTo(OutputStream stream) throws IOException {
        CodedOutputStream out = CodedOutputStream.newInstance(stream, 1 << 16);
        head.writeTo(out);
        for (byte[] token : tokens) {
            out.writeByteArray(ModelFile.VOCABULARY_FIELD_NUMBER, token);
        }
        middle.writeTo(out);
        parameters.writeTo(out);
        tail.writeTo(out);
        out.flush();
    }
}
