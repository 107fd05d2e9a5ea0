package io.textclf.modelformat;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A protobuf message read as a stream: the {@code Tensor} fields named are read here, each tensor's
 * floats straight from the input into their array (never a copy of its bytes), and every other field is
 * copied, as it was, into a small message that protobuf then parses. The inverse of {@link StreamedTensors}.
 */
final class StreamedFields {

    /** Bytes read from the input at a time for a tensor's floats. */
    private static final int CHUNK_BYTES = 1 << 20;

    /**
     * A {@code Tensor} message as read, not yet checked: its data's length in bytes may not be a whole
     * number of floats, nor its shape fit its values.
     */
    record RawTensor(String name, List<Long> shape, float[] values, int dataBytes) {
    }

    /**
     * The tensors read here by field number, each field's in file order; the messages of the nested fields read
     * here, by field number; and the message's other fields, serialized.
     */
    record Fields(Map<Integer, List<RawTensor>> tensors, Map<Integer, Fields> nested, byte[] others) {

        /** A message with no fields: what a nested field that does not occur reads as. */
        static final Fields EMPTY = new Fields(Map.of(), Map.of(), new byte[0]);

        /**
         * These fields followed by {@code later}'s, as protobuf merges two occurrences of a message field: the
         * repeated fields concatenated, a singular field's last value kept (its serialized bytes concatenated).
         */
        Fields mergedWith(Fields later) {
            Map<Integer, List<RawTensor>> all = new HashMap<>(tensors);
            later.tensors.forEach((number, list) -> all.merge(number, list, StreamedFields::concatenated));
            Map<Integer, Fields> merged = new HashMap<>(nested);
            later.nested.forEach((number, fields) -> merged.merge(number, fields, Fields::mergedWith));
            byte[] bytes = Arrays.copyOf(others, others.length + later.others.length);
            System.arraycopy(later.others, 0, bytes, others.length, later.others.length);
            return new Fields(all, merged, bytes);
        }

        /** The tensors of field {@code fieldNumber}, in file order. */
        List<RawTensor> tensorsOf(int fieldNumber) {
            return tensors.getOrDefault(fieldNumber, List.of());
        }

        /** The message of nested field {@code fieldNumber}, {@link #EMPTY} when it does not occur. */
        Fields nestedOf(int fieldNumber) {
            return nested.getOrDefault(fieldNumber, EMPTY);
        }
    }

    private static <T> List<T> concatenated(List<T> first, List<T> second) {
        List<T> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    private StreamedFields() {
    }

    /**
     * Reads a message from {@code in} up to its current limit (or its end): the fields {@code tensorFields} as
     * tensors, the others as they were.
     */
    static Fields read(CodedInputStream in, Set<Integer> tensorFields) throws IOException {
        return read(in, tensorFields, Map.of());
    }

    /**
     * As {@link #read(CodedInputStream, Set)}, and each field of {@code nested} (a field number, and the tensor
     * fields of its message) read the same way, its occurrences merged as protobuf merges them.
     */
    static Fields read(CodedInputStream in, Set<Integer> tensorFields, Map<Integer, Set<Integer>> nested)
            throws IOException {
        Map<Integer, List<RawTensor>> tensors = new HashMap<>();
        Map<Integer, Fields> nestedFields = new HashMap<>();
        ByteArrayOutputStream othersBytes = new ByteArrayOutputStream();
        CodedOutputStream others = CodedOutputStream.newInstance(othersBytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int number = WireFormat.getTagFieldNumber(tag);
            boolean delimited = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            if (delimited && tensorFields.contains(number)) {
                int limit = in.pushLimit(in.readRawVarint32());
                tensors.computeIfAbsent(number, n -> new ArrayList<>()).add(readTensor(in));
                in.popLimit(limit);
            } else if (delimited && nested.containsKey(number)) {
                int limit = in.pushLimit(in.readRawVarint32());
                nestedFields.merge(number, read(in, nested.get(number)), Fields::mergedWith);
                in.popLimit(limit);
            } else {
                in.skipField(tag, others);
            }
        }
        others.flush();
        return new Fields(tensors, nestedFields, othersBytes.toByteArray());
    }

    /** The fields of a {@code Tensor} message up to the input's limit: name (1), shape (2), data (3). */
    private static RawTensor readTensor(CodedInputStream in) throws IOException {
        String name = "";
        List<Long> shape = new ArrayList<>();
        float[] values = new float[0];
        int dataBytes = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int number = WireFormat.getTagFieldNumber(tag);
            int type = WireFormat.getTagWireType(tag);
            if (number == io.textclf.modelformat.v1.Tensor.NAME_FIELD_NUMBER
                    && type == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                name = in.readStringRequireUtf8();
            } else if (number == io.textclf.modelformat.v1.Tensor.SHAPE_FIELD_NUMBER
                    && type == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    shape.add(in.readInt64());
                }
                in.popLimit(limit);
            } else if (number == io.textclf.modelformat.v1.Tensor.SHAPE_FIELD_NUMBER
                    && type == WireFormat.WIRETYPE_VARINT) {
                shape.add(in.readInt64());
            } else if (number == io.textclf.modelformat.v1.Tensor.DATA_FIELD_NUMBER
                    && type == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                dataBytes = in.readRawVarint32();
                if (dataBytes < 0 || dataBytes > in.getBytesUntilLimit()) {
                    String tensor = name.isEmpty() ? "a tensor" : "tensor " + name;
                    throw new InvalidProtocolBufferException(tensor + "'s data ("
                            + Integer.toUnsignedString(dataBytes) + " bytes) runs past the end of its message");
                }
                values = readFloats(in, dataBytes);
            } else {
                in.skipField(tag);
            }
        }
        return new RawTensor(name, shape, values, dataBytes);
    }

    /** {@code bytes} bytes of little-endian floats (a trailing part of a float is read and dropped). */
    private static float[] readFloats(CodedInputStream in, int bytes) throws IOException {
        float[] values = new float[bytes / Float.BYTES];
        int done = 0;
        for (int left = bytes; left > 0; ) {
            int part = Math.min(left, CHUNK_BYTES);
            byte[] chunk = in.readRawBytes(part);
            int floats = Math.min(part / Float.BYTES, values.length - done);
            ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values, done, floats);
            done += floats;
            left -= part;
        }
        return values;
    }
}
