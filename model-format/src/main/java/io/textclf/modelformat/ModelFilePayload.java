package io.textclf.modelformat;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.Tensor;
import io.textclf.modelformat.v1.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The serialized {@code ModelFile} of an artifact: byte for byte what
 * {@code ModelFileCodec.toProto(artifact).toByteArray()} gives, with less work for a large model. Protobuf
 * writes the small fields; the two large ones are written here, in place: the vocabulary (field 3) as one
 * loop over its tokens, and each parameter tensor (field 6) with its floats copied once, straight into the
 * payload (rather than into a {@code ByteString} and then into the payload). Protobuf writes fields in the
 * order of their numbers, so fields 1-2, 3, 4-5, 6 and 7-10 written one after the other give its bytes.
 */
final class ModelFilePayload {

    private ModelFilePayload() {
    }

    static byte[] of(ModelArtifact artifact) {
        ModelFile rest = ModelFileCodec.withoutVocabularyAndParameters(artifact);
        ModelFile head = ModelFile.newBuilder().setFormatVersion(rest.getFormatVersion())
                .setTokenizer(rest.getTokenizer()).build();
        ModelFile middle = ModelFile.newBuilder().setDefaultIndex(rest.getDefaultIndex())
                .addAllLabels(rest.getLabelsList()).build();
        ModelFile tail = rest.toBuilder().clearFormatVersion().clearTokenizer().clearDefaultIndex().clearLabels()
                .build();
        List<byte[]> tokens = utf8(artifact.vocabulary().tokens());
        List<TensorField> tensors = new ArrayList<>();
        for (Map.Entry<String, Tensor> entry : artifact.parameters().tensors().entrySet()) {
            tensors.add(new TensorField(ModelFileCodec.withoutData(entry.getKey(), entry.getValue()),
                    entry.getValue()));
        }
        long size = (long) head.getSerializedSize() + middle.getSerializedSize() + tail.getSerializedSize();
        for (byte[] token : tokens) {
            size += CodedOutputStream.computeByteArraySize(ModelFile.VOCABULARY_FIELD_NUMBER, token);
        }
        for (TensorField tensor : tensors) {
            size += CodedOutputStream.computeTagSize(ModelFile.PARAMETERS_FIELD_NUMBER)
                    + CodedOutputStream.computeUInt32SizeNoTag(tensor.messageSize()) + tensor.messageSize();
        }
        if (size > Integer.MAX_VALUE - 64) {
            throw new ModelFileException("the model is too large for one model file: " + size + " bytes");
        }
        byte[] payload = new byte[(int) size];
        CodedOutputStream out = CodedOutputStream.newInstance(payload);
        try {
            head.writeTo(out);
            for (byte[] token : tokens) {
                out.writeByteArray(ModelFile.VOCABULARY_FIELD_NUMBER, token);
            }
            middle.writeTo(out);
            for (TensorField tensor : tensors) {
                out.writeTag(ModelFile.PARAMETERS_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(tensor.messageSize());
                tensor.withoutData().writeTo(out);
                if (tensor.dataBytes() > 0) {
                    out.writeTag(io.textclf.modelformat.v1.Tensor.DATA_FIELD_NUMBER,
                            WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    out.writeUInt32NoTag(tensor.dataBytes());
                    int at = (int) size - out.spaceLeft();
                    tensor.values().copyInto(ByteBuffer.wrap(payload, at, tensor.dataBytes())
                            .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer());
                    out = CodedOutputStream.newInstance(payload, at + tensor.dataBytes(),
                            (int) size - at - tensor.dataBytes());
                }
            }
            tail.writeTo(out);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("model file payload: " + e.getMessage(), e);
        }
        return payload;
    }

    /** Each token's UTF-8 bytes, as protobuf encodes a string (an unpaired surrogate becomes '?' there too). */
    private static List<byte[]> utf8(List<String> tokens) {
        List<byte[]> bytes = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            bytes.add(token.getBytes(StandardCharsets.UTF_8));
        }
        return bytes;
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
