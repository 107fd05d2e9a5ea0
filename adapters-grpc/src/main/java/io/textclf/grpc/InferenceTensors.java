package io.textclf.grpc;

import com.google.protobuf.ByteString;
import io.textclf.domain.predict.Prediction;
import io.textclf.domain.predict.ScoredLabel;
import io.textclf.proto.oip.InferTensorContents;
import io.textclf.proto.oip.ModelInferRequest;
import io.textclf.proto.oip.ModelInferRequest.InferInputTensor;
import io.textclf.proto.oip.ModelInferResponse.InferOutputTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * textclf's tensor signature in the Open Inference Protocol: the texts arrive as one BYTES input
 * {@value #INPUT} of shape {@code [n]} (or {@code [n, 1]}), UTF-8 each; the answers are
 * {@value #PROBABILITIES} (FP32 {@code [n, C]}, softmax probabilities in class-index order) and
 * {@value #LABEL} (BYTES {@code [n]}, the most probable class name). Elements come either in the
 * tensor's typed contents or in {@code raw_input_contents}, where each BYTES element is a 4-byte
 * little-endian length followed by its bytes.
 */
final class InferenceTensors {

    static final String INPUT = "text";
    static final String PROBABILITIES = "probabilities";
    static final String LABEL = "label";
    static final String BYTES = "BYTES";
    static final String FP32 = "FP32";

    private InferenceTensors() {
    }

    /**
     * The texts of a request.
     *
     * @throws IllegalArgumentException naming the tensor, field or element at fault
     */
    static List<String> texts(ModelInferRequest request) {
        if (request.getInputsCount() != 1) {
            throw new IllegalArgumentException("expected 1 input tensor '" + INPUT + "', got "
                    + request.getInputsCount());
        }
        InferInputTensor input = request.getInputs(0);
        if (!input.getName().equals(INPUT)) {
            throw new IllegalArgumentException("unexpected input tensor '" + input.getName() + "': the model's "
                    + "input is '" + INPUT + "'");
        }
        if (!input.getDatatype().equals(BYTES)) {
            throw new IllegalArgumentException("input '" + INPUT + "' has datatype " + input.getDatatype()
                    + ", expected " + BYTES);
        }
        long count = elementCount(input.getShapeList());
        List<ByteString> elements;
        if (request.getRawInputContentsCount() > 0) {
            if (request.getRawInputContentsCount() != 1 || input.hasContents()) {
                throw new IllegalArgumentException("raw_input_contents needs exactly one entry and no typed "
                        + "contents for input '" + INPUT + "'");
            }
            elements = splitRaw(request.getRawInputContents(0));
        } else {
            InferTensorContents contents = input.getContents();
            if (contents.getBoolContentsCount() + contents.getIntContentsCount() + contents.getInt64ContentsCount()
                    + contents.getUintContentsCount() + contents.getUint64ContentsCount()
                    + contents.getFp32ContentsCount() + contents.getFp64ContentsCount() > 0) {
                throw new IllegalArgumentException("input '" + INPUT + "' is " + BYTES + ": its contents go in "
                        + "bytes_contents only");
            }
            elements = contents.getBytesContentsList();
        }
        if (elements.size() != count) {
            throw new IllegalArgumentException("input '" + INPUT + "' has shape " + input.getShapeList() + " ("
                    + count + " elements) but holds " + elements.size());
        }
        List<String> texts = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            texts.add(utf8(elements.get(i), i));
        }
        return texts;
    }

    /** The probabilities output, FP32 {@code [n, C]}; raw little-endian floats when {@code raw}. */
    static Output probabilities(List<Prediction> predictions, int classes, boolean raw) {
        InferOutputTensor.Builder tensor = InferOutputTensor.newBuilder().setName(PROBABILITIES).setDatatype(FP32)
                .addShape(predictions.size()).addShape(classes);
        float[] values = new float[predictions.size() * classes];
        for (int r = 0; r < predictions.size(); r++) {
            for (ScoredLabel label : predictions.get(r).labels()) {
                values[r * classes + label.index()] = (float) label.probability();
            }
        }
        if (raw) {
            ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asFloatBuffer().put(values);
            return new Output(tensor.build(), ByteString.copyFrom(buffer.array()));
        }
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        for (float value : values) {
            contents.addFp32Contents(value);
        }
        return new Output(tensor.setContents(contents).build(), null);
    }

    /** The top label output, BYTES {@code [n]}; length-prefixed raw elements when {@code raw}. */
    static Output labels(List<Prediction> predictions, boolean raw) {
        InferOutputTensor.Builder tensor = InferOutputTensor.newBuilder().setName(LABEL).setDatatype(BYTES)
                .addShape(predictions.size());
        List<ByteString> labels = new ArrayList<>(predictions.size());
        for (Prediction prediction : predictions) {
            labels.add(ByteString.copyFromUtf8(prediction.top().label()));
        }
        if (raw) {
            ByteString.Output bytes = ByteString.newOutput();
            for (ByteString label : labels) {
                byte[] length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(label.size()).array();
                bytes.write(length, 0, 4);
                bytes.write(label.toByteArray(), 0, label.size());
            }
            return new Output(tensor.build(), bytes.toByteString());
        }
        return new Output(tensor.setContents(InferTensorContents.newBuilder().addAllBytesContents(labels)).build(),
                null);
    }

    /**
     * One output tensor and, in the raw form, its bytes for {@code raw_output_contents}.
     *
     * @param tensor its name, datatype, shape and (typed form) contents
     * @param raw    its elements in the raw form; null in the typed form
     */
    record Output(InferOutputTensor tensor, ByteString raw) {
    }

    private static long elementCount(List<Long> shape) {
        boolean flat = shape.size() == 1;
        boolean column = shape.size() == 2 && shape.get(1) == 1;
        if (!(flat || column) || shape.get(0) < 0) {
            throw new IllegalArgumentException("input '" + INPUT + "' has shape " + shape + ", expected [n] or "
                    + "[n, 1]");
        }
        return shape.get(0);
    }

    private static List<ByteString> splitRaw(ByteString raw) {
        ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        List<ByteString> elements = new ArrayList<>();
        while (buffer.hasRemaining()) {
            if (buffer.remaining() < 4) {
                throw new IllegalArgumentException("raw_input_contents[0] ends inside the length of element "
                        + elements.size());
            }
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw new IllegalArgumentException("raw_input_contents[0] element " + elements.size()
                        + " claims " + Integer.toUnsignedString(length) + " bytes, " + buffer.remaining() + " remain");
            }
            int start = buffer.position();
            elements.add(raw.substring(start, start + length));
            buffer.position(start + length);
        }
        return elements;
    }

    private static String utf8(ByteString bytes, int index) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes.asReadOnlyByteBuffer()).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("input '" + INPUT + "' element " + index + " is not valid UTF-8");
        }
    }
}
