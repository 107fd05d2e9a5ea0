package io.textclf.modelformat;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.textclf.domain.model.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A repeated {@code Tensor} field written as a stream: byte for byte what protobuf gives for the field of a
 * message holding each tensor's whole {@code Tensor} message in order, without the
 * tensors' bytes in memory. Each tensor's name and shape go through protobuf; its floats are turned into
 * little-endian bytes a megabyte at a time.
 */
final class StreamedTensors {

    /** Floats turned into bytes at a time. */
    private static final int CHUNK_FLOATS = 1 << 18;

    private final int fieldNumber;
    private final List<TensorField> fields = new ArrayList<>();
    private final long size;

    /**
     * @param fieldNumber the repeated {@code Tensor} field's number in its message
     * @param tensors     the tensors by name, in the order they are written
     */
    StreamedTensors(int fieldNumber, Map<String, Tensor> tensors) {
        this.fieldNumber = fieldNumber;
        long total = 0;
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            TensorField field = new TensorField(ModelFileCodec.withoutData(entry.getKey(), entry.getValue()),
                    entry.getValue());
            fields.add(field);
            total += CodedOutputStream.computeTagSize(fieldNumber)
                    + CodedOutputStream.computeUInt64SizeNoTag(field.messageSize()) + field.messageSize();
        }
        size = total;
    }

    /** The bytes {@link #writeTo} writes. */
    long size() {
        return size;
    }

    /** Writes the fields; every size must fit an int (the container refuses larger payloads before writing). */
    void writeTo(CodedOutputStream out) throws IOException {
        if (fields.isEmpty()) {
            return;
        }
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (TensorField field : fields) {
            out.writeTag(fieldNumber, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(Math.toIntExact(field.messageSize()));
            field.withoutData().writeTo(out);
            if (field.dataBytes() > 0) {
                out.writeTag(io.textclf.modelformat.v1.Tensor.DATA_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(Math.toIntExact(field.dataBytes()));
                for (int from = 0; from < field.values().size(); from += CHUNK_FLOATS) {
                    int count = Math.min(CHUNK_FLOATS, field.values().size() - from);
                    chunk.clear().limit(count * Float.BYTES);
                    field.values().copyInto(from, chunk.asFloatBuffer());
                    out.writeRawBytes(chunk.array(), 0, count * Float.BYTES);
                }
            }
        }
    }

    /** A tensor's message without its data, and the values that make the data. */
    private record TensorField(io.textclf.modelformat.v1.Tensor withoutData, Tensor values) {
        long dataBytes() {
            return (long) values.size() * Float.BYTES;
        }

        /** The serialized size of the whole {@code Tensor} message, data field included. */
        long messageSize() {
            return withoutData.getSerializedSize() + (dataBytes() == 0 ? 0
                    : CodedOutputStream.computeTagSize(io.textclf.modelformat.v1.Tensor.DATA_FIELD_NUMBER)
                            + CodedOutputStream.computeUInt64SizeNoTag(dataBytes()) + dataBytes());
        }
    }
}
