package io.textclf.modelexchange.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.textclf.modelexchange.onnx.proto.AttributeProto;
import io.textclf.modelexchange.onnx.proto.GraphProto;
import io.textclf.modelexchange.onnx.proto.NodeProto;
import io.textclf.modelexchange.onnx.proto.TensorProto;
import io.textclf.modelexchange.onnx.proto.TensorShapeProto;
import io.textclf.modelexchange.onnx.proto.TypeProto;
import io.textclf.modelexchange.onnx.proto.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Assembles an ONNX graph: typed inputs and outputs, initializers, and nodes of the default (ai.onnx) domain. */
final class GraphBuilder {

    private final GraphProto.Builder graph;

    GraphBuilder(String name, String docString) {
        graph = GraphProto.newBuilder().setName(name).setDocString(docString);
    }

    /** A graph input or output type: element type and dimensions, each a size ({@link Long}) or a symbolic name. */
    static ValueInfoProto value(String name, TensorProto.DataType type, String doc, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object dim : dims) {
            TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
            if (dim instanceof Long size) {
                d.setDimValue(size);
            } else {
                d.setDimParam((String) dim);
            }
            shape.addDim(d);
        }
        return ValueInfoProto.newBuilder().setName(name).setDocString(doc)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(type.getNumber()).setShape(shape)))
                .build();
    }

    GraphBuilder input(ValueInfoProto input) {
        graph.addInput(input);
        return this;
    }

    GraphBuilder output(ValueInfoProto output) {
        graph.addOutput(output);
        return this;
    }

    /** A float32 constant stored as little-endian raw data. */
    GraphBuilder floats(String name, int[] shape, float[] values) {
        ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        graph.addInitializer(tensor(name, TensorProto.DataType.FLOAT, shape, data.array()));
        return this;
    }

    /** An int64 constant: a scalar when {@code shape} is empty. */
    GraphBuilder longs(String name, int[] shape, long... values) {
        graph.addInitializer(tensor(name, TensorProto.DataType.INT64, shape, longBytes(values)));
        return this;
    }

    GraphBuilder node(String opType, String[] inputs, String output, AttributeProto... attributes) {
        graph.addNode(NodeProto.newBuilder().setOpType(opType).setName(output).addAllInput(Arrays.asList(inputs))
                .addOutput(output).addAllAttribute(Arrays.asList(attributes)));
        return this;
    }

    static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto stringAttribute(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    /** A one-element tensor attribute, as {@code ConstantOfShape}'s {@code value} takes it. */
    static AttributeProto tensorAttribute(String name, TensorProto value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(value).build();
    }

    /** A tensor holding {@code rawData} without a copy: callers hand over an array they no longer touch. */
    static TensorProto tensor(String name, TensorProto.DataType type, int[] shape, byte[] rawData) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(UnsafeByteOperations.unsafeWrap(rawData));
        for (int size : shape) {
            tensor.addDims(size);
        }
        return tensor.build();
    }

    static byte[] longBytes(long... values) {
        ByteBuffer data = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        data.asLongBuffer().put(values);
        return data.array();
    }

    GraphProto build() {
        return graph.build();
    }
}
