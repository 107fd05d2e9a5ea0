package io.textclf.modelformat;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.Tensor;
import io.textclf.modelformat.v1.ModelFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The serialized {@code ModelFile} of an artifact, written as a stream: byte for byte what
 * {@code ModelFileCodec.toProto(artifact).toByteArray()} gives, without a copy of the model in memory.
 * Protobuf writes the small fields; the two large ones are written here: the vocabulary (field 3) in one
 * loop over its tokens, and each parameter tensor (field 6) with its floats turned into little-endian
 * bytes a megabyte at a time. Protobuf writes fields in the order of their numbers, so fields 1-2, 3, 4-5,
 * 6 and 7-10 written one after the other give its bytes.
 */
final class ModelFilePayload implements ChecksummedContainer.Payload {

    /** Floats turned into bytes at a time. */
    private static final int CHUNK_FLOATS = 1 << 18;

    private final ModelFile head;
    private final List<byte[]> tokens;
    private final ModelFile middle;
    private final List<TensorField> tensors;
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
        tensors = new ArrayList<>();
        for (Map.Entry<String, Tensor> entry : artifact.parameters().tensors().entrySet()) {
            tensors.add(new TensorField(ModelFileCodec.withoutData(entry.getKey(), entry.getValue()),
                    entry.getValue()));
        }
        long total = (long) head.getSerializedSize() + middle.getSerializedSize() + tail.getSerializedSize();
        for (byte[] token : tokens) {
            total += CodedOutputStream.computeByteArraySize(ModelFile.VOCABULARY_FIELD_NUMBER, token);
        }
        for (TensorField tensor : tensors) {
            total += CodedOutputStream.computeTagSize(ModelFile.PARAMETERS_FIELD_NUMBER)
                    + CodedOutputStream.computeUInt32SizeNoTag(tensor.messageSize()) + tensor.messageSize();
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
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (TensorField tensor : tensors) {
            out.writeTag(ModelFile.PARAMETERS_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(tensor.messageSize());
            tensor.withoutData().writeTo(out);
            if (tensor.dataBytes() > 0) {
                out.writeTag(io.textclf.modelformat.v1.Tensor.DATA_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(tensor.dataBytes());
                for (int from = 0; from < tensor.values().size(); from += CHUNK_FLOATS) {
                    int count = Math.min(CHUNK_FLOATS, tensor.values().size() - from);
                    chunk.clear().limit(count * Float.BYTES);
                    tensor.values().copyInto(from, chunk.asFloatBuffer());
                    out.writeRawBytes(chunk.array(), 0, count * Float.BYTES);
                }
            }
        }
        tail.writeTo(out);
        out.flush();
    }

    /** A tensor's message without its data, and the values that make the data. */
    private record TensorField(io.textclf.modelformat.v1.Tensor withoutData, Tensor values) {
        int dataBytes() {
            return values.size() * Float.BYTES;
        }

        /** The serialized size of the whole {@code Tensor} message, data field included. */
        int messageSize() {
            return withoutData.getSerializedSize() + (dataBytes() == 0 ? 0
                    : CodedOutputStream.computeTagSize(io.textclf.modelformat.v1.Tensor.DATA_FIELD_NUMBER)
                            + CodedOutputStream.computeUInt32SizeNoTag(dataBytes()) + dataBytes());
        }
    }
}
