package io.textclf.modelexchange.safetensors;

import io.textclf.domain.model.Tensor;
import io.textclf.modelexchange.ModelExchangeException;
import io.textclf.modelexchange.json.JsonReader;
import io.textclf.modelexchange.json.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors layout: an 8-byte little-endian header length N, N bytes of JSON (padded with spaces
 * to a multiple of 8), then the tensors' raw bytes. Each header entry names a tensor's {@code dtype},
 * {@code shape} and {@code data_offsets} (begin, end) relative to the start of the raw bytes; the
 * optional {@code __metadata__} entry maps strings to strings. Values are little-endian, row-major.
 *
 * <p>Reading accepts {@code F32} tensors only (what the tutorial's model holds) and checks that the
 * offsets tile the data exactly, as the reference implementation does.
 */
public final class SafetensorsFormat {

    static final String METADATA = "__metadata__";
    static final String F32 = "F32";
    private static final int ALIGNMENT = 8;
    /** The reference implementation's limit on the header's size. */
    private static final long MAX_HEADER_BYTES = 100_000_000;

    private SafetensorsFormat() {
    }

    /** Writes {@code file}'s tensors in their order, each right after the previous one. */
    public static void write(SafetensorsFile file, OutputStream out) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!file.metadata().isEmpty()) {
            header.put(METADATA, file.metadata());
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> entry : file.tensors().entrySet()) {
            Tensor tensor = entry.getValue();
            long end = offset + 4L * tensor.size();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", F32);
            info.put("shape", Arrays.stream(tensor.shape()).boxed().toList());
            info.put("data_offsets", List.of(offset, end));
            header.put(entry.getKey(), info);
            offset = end;
        }
        byte[] json = JsonWriter.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        ByteBuffer prefix = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        prefix.putLong(padded).put(json);
        while (prefix.hasRemaining()) {
            prefix.put((byte) ' ');
        }
        out.write(prefix.array());
        for (Tensor tensor : file.tensors().values()) {
            float[] values = new float[tensor.size()];
            tensor.copyInto(values);
            ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            data.asFloatBuffer().put(values);
            out.write(data.array());
        }
    }

    /**
     * Whether a file of {@code size} bytes that begins with {@code head} begins as a safetensors file does: eight bytes
     * of header length (little-endian, within the file), then the header's JSON object. For a writer that replaces an
     * earlier file and nothing else.
     */
    public static boolean startsLikeOne(byte[] head, long size) {
        if (head.length < 9) {
            return false;
        }
        long headerBytes = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return headerBytes >= 2 && headerBytes <= size - 8 && head[8] == '{';
    }

    /**
     * Parses a whole safetensors file.
     *
     * @param source names the file in error messages
     * @throws ModelExchangeException when the bytes are not a safetensors file textclf can read, saying why
     */
    public static SafetensorsFile read(byte[] bytes, String source) {
        if (bytes.length < 8) {
            throw fail(source, "is " + bytes.length + " bytes long, too short for the 8-byte header length");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerBytes = buffer.getLong();
        if (headerBytes < 2 || headerBytes > MAX_HEADER_BYTES || headerBytes > bytes.length - 8) {
            throw fail(source, "declares a header of " + Long.toUnsignedString(headerBytes) + " bytes but holds "
                    + (bytes.length - 8) + " bytes after the length (is it a safetensors file?)");
        }
        Map<?, ?> header = parseHeader(new String(bytes, 8, (int) headerBytes, StandardCharsets.UTF_8), source);
        int dataStart = 8 + (int) headerBytes;
        long dataBytes = bytes.length - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<TensorEntry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> entry : header.entrySet()) {
            String name = (String) entry.getKey();
            if (name.equals(METADATA)) {
                metadata.putAll(metadata(entry.getValue(), source));
            } else {
                entries.add(TensorEntry.of(name, entry.getValue(), source));
            }
        }
        List<TensorEntry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(TensorEntry::begin));
        long expected = 0;
        for (TensorEntry entry : byOffset) {
            if (entry.begin() != expected) {
                throw fail(source, "tensor " + entry.name() + " starts at byte " + entry.begin() + " of the data, "
                        + "expected " + expected + " (tensors must tile the data without gaps or overlaps)");
            }
            expected = entry.end();
        }
        if (expected != dataBytes) {
            throw fail(source, "the header's tensors cover " + expected + " bytes of data but the file holds "
                    + dataBytes);
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (TensorEntry entry : entries) {
            float[] values = new float[Math.toIntExact((entry.end() - entry.begin()) / 4)];
            buffer.position(dataStart + (int) entry.begin());
            buffer.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            tensors.put(entry.name(), new Tensor(entry.shape(), values));
        }
        return new SafetensorsFile(tensors, metadata);
    }

    private static Map<?, ?> parseHeader(String json, String source) {
        try {
            if (JsonReader.parse(json.stripTrailing()) instanceof Map<?, ?> map) {
                return map;
            }
            throw fail(source, "header is not a JSON object");
        } catch (IllegalArgumentException e) {
            throw fail(source, "header is not valid JSON: " + e.getMessage());
        }
    }

    private static Map<String, String> metadata(Object value, String source) {
        if (!(value instanceof Map<?, ?> map)) {
            throw fail(source, METADATA + " must be an object of strings");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getValue() instanceof String s)) {
                throw fail(source, METADATA + "." + entry.getKey() + " must be a string");
            }
            metadata.put((String) entry.getKey(), s);
        }
        return metadata;
    }

    static ModelExchangeException fail(String source, String reason) {
        return new ModelExchangeException(source + ": " + reason);
    }

    /** One tensor's header entry, checked: F32, positive dimensions, offsets matching the shape. */
    private record TensorEntry(String name, int[] shape, long begin, long end) {

        static TensorEntry of(String name, Object value, String source) {
            if (!(value instanceof Map<?, ?> info)) {
                throw fail(source, "header entry " + name + " must be an object with dtype, shape and data_offsets");
            }
            if (!F32.equals(info.get("dtype"))) {
                throw fail(source, "tensor " + name + " has dtype " + info.get("dtype") + "; only F32 (float32) "
                        + "is supported: convert with tensor.float() before saving");
            }
            List<Long> shape = longs(info.get("shape"), name + ".shape", source);
            List<Long> offsets = longs(info.get("data_offsets"), name + ".data_offsets", source);
            if (offsets.size() != 2 || offsets.get(0) > offsets.get(1)) {
                throw fail(source, name + ".data_offsets must be [begin, end] with begin <= end, was " + offsets);
            }
            long count = 1;
            int[] dims = new int[shape.size()];
            for (int i = 0; i < dims.length; i++) {
                if (shape.get(i) < 1 || shape.get(i) > Integer.MAX_VALUE) {
                    throw fail(source, name + ".shape must hold positive sizes, was " + shape);
                }
                dims[i] = (int) (long) shape.get(i);
                count *= dims[i];
                if (count > Integer.MAX_VALUE) {
                    throw fail(source, "tensor " + name + " of shape " + shape + " holds more values than a Java "
                            + "array can (" + Integer.MAX_VALUE + ")");
                }
            }
            if (offsets.get(1) - offsets.get(0) != 4 * count) {
                throw fail(source, "tensor " + name + " of shape " + shape + " needs " + 4 * count + " bytes, its "
                        + "data_offsets " + offsets + " span " + (offsets.get(1) - offsets.get(0)));
            }
            return new TensorEntry(name, dims, offsets.get(0), offsets.get(1));
        }

        private static List<Long> longs(Object value, String field, String source) {
            if (value instanceof List<?> list && list.stream().allMatch(Long.class::isInstance)) {
                return list.stream().map(Long.class::cast).toList();
            }
            throw fail(source, field + " must be a list of integers, was " + value);
        }
    }
}
