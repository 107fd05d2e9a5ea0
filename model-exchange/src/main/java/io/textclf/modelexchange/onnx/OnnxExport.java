package io.textclf.modelexchange.onnx;

import static io.textclf.modelexchange.onnx.GraphBuilder.intAttribute;
import static io.textclf.modelexchange.onnx.GraphBuilder.stringAttribute;
import static io.textclf.modelexchange.onnx.GraphBuilder.tensorAttribute;

import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.modelexchange.ModelExchangeException;
import io.textclf.modelexchange.PipelineMetadata;
import io.textclf.modelexchange.json.JsonWriter;
import io.textclf.modelexchange.onnx.proto.AttributeProto;
import io.textclf.modelexchange.onnx.proto.ModelProto;
import io.textclf.modelexchange.onnx.proto.OperatorSetIdProto;
import io.textclf.modelexchange.onnx.proto.StringStringEntryProto;
import io.textclf.modelexchange.onnx.proto.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The tutorial's model as a standard ONNX graph: {@code EmbeddingBag(mode="mean")} then {@code Linear}
 * then softmax, from token ids and offsets (EmbeddingBag's own input) to class probabilities.
 *
 * <p>ONNX has no EmbeddingBag, and PyTorch's exporter emits a {@code Loop} for it. This graph uses only
 * standard operators of opset {@value #OPSET} and no control flow: it gathers the rows of all tokens,
 * finds each token's document by a cumulative sum over marks at the documents' starts, adds the rows up
 * per document with {@code ScatterElements(reduction="add")}, and divides by the document's length
 * (at least 1, so an empty document gives the zero vector as in PyTorch). Everything is linear in the
 * number of tokens.
 *
 * <p>Inputs: {@value #TOKEN_IDS} {@code int64 [tokens]}, every document's ids concatenated, each in
 * {@code [0, V)}; {@value #OFFSETS} {@code int64 [documents]}, where each document starts:
 * {@code offsets[0] = 0}, non-decreasing, at most {@code tokens}. Outputs: {@value #PROBABILITIES} and
 * {@value #LOGITS}, {@code float [documents, C]}. The initializers carry PyTorch's {@code state_dict} names.
 */
public final class OnnxExport {

    public static final String TOKEN_IDS = "token_ids";
    public static final String OFFSETS = "offsets";
    public static final String PROBABILITIES = "probabilities";
    public static final String LOGITS = "logits";
    /** ONNX 1.12's IR version, which goes with opset 17. */
    public static final long IR_VERSION = 8;
    public static final long OPSET = 17;
    /** Metadata key of the labels, a JSON array in class order. */
    public static final String LABELS_KEY = "textclf.labels";
    public static final String TOKENIZER_KEY = "textclf.tokenizer";
    /**
     * Metadata key of the SHA-256 (lower-case hex) of the text pipeline file written with the model: a reader that
     * finds another digest holds the pipeline of another model (an export interrupted between its two files).
     */
    public static final String PIPELINE_SHA256_KEY = "textclf.pipeline_sha256";

    /** Protocol Buffers cannot serialize a message of 2 GiB or more; leave room for everything but the weights. */
    private static final long MAX_PARAMETER_BYTES = Integer.MAX_VALUE - (64L << 20);

    private OnnxExport() {
    }

    /**
     * Whether a file that begins with {@code head} begins as {@link #toOnnx} writes one: {@code ir_version} (field 1)
     * first, then the producer's name, {@code textclf}. For a writer that replaces an earlier export and nothing else.
     */
    public static boolean startsLikeOne(byte[] head) {
        return head.length > 0 && head[0] == 0x08 && new String(head, StandardCharsets.ISO_8859_1).contains("textclf");
    }

    /**
     * @param producerVersion the textclf version, recorded as the model's producer version
     * @throws ModelExchangeException when the parameters do not fit in one ONNX file (2 GiB)
     */
    public static ModelProto toOnnx(StateDict parameters, List<String> labels, PipelineSpec pipeline,
                                    String producerVersion) {
        ModelDims dims = parameters.dims();
        if (labels.size() != dims.numClasses()) {
            throw new IllegalArgumentException(labels.size() + " labels for a model of " + dims.numClasses() + " classes");
        }
        long bytes = 4L * parameters.tensors().values().stream().mapToLong(Tensor::size).sum();
        if (bytes > MAX_PARAMETER_BYTES) {
            throw new ModelExchangeException("the parameters take " + bytes + " bytes; one ONNX file holds less than "
                    + "2 GiB (lower --max-tokens or --embed-dim)");
        }
        GraphBuilder graph = new GraphBuilder("textclf", "EmbeddingBag(mean) + Linear + Softmax, as the torchtext "
                + "tutorial's TextClassificationModel");
        graph.input(GraphBuilder.value(TOKEN_IDS, TensorProto.DataType.INT64,
                        "token ids of all documents, concatenated", "tokens"))
                .input(GraphBuilder.value(OFFSETS, TensorProto.DataType.INT64,
                        "start of each document in token_ids (offsets[0] = 0, non-decreasing)", "documents"))
                .output(GraphBuilder.value(PROBABILITIES, TensorProto.DataType.FLOAT,
                        "softmax of the logits, one row per document", "documents", (long) dims.numClasses()))
                .output(GraphBuilder.value(LOGITS, TensorProto.DataType.FLOAT,
                        "fc(mean of the documents' embedding rows)", "documents", (long) dims.numClasses()));
        addParameters(graph, parameters);
        addBagMeans(graph, dims.embeddingDim());
        graph.node("Gemm", new String[] {"bag_means", StateDict.FC_WEIGHT, StateDict.FC_BIAS}, LOGITS,
                        intAttribute("transB", 1))
                .node("Softmax", new String[] {LOGITS}, PROBABILITIES, intAttribute("axis", -1));
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("textclf")
                .setProducerVersion(producerVersion)
                .setDomain("io.textclf")
                .setModelVersion(1)
                .setDocString("textclf document classifier: token ids and offsets to class probabilities")
                .setGraph(graph.build())
                .addMetadataProps(entry(LABELS_KEY, JsonWriter.write(labels)))
                .addMetadataProps(entry(TOKENIZER_KEY, pipeline.tokenizer()))
                .addMetadataProps(entry(PipelineMetadata.KEY, PipelineMetadata.json(pipeline)))
                .build();
    }

    /** {@code model} with the {@link #PIPELINE_SHA256_KEY} of the text pipeline file written beside it. */
    public static ModelProto pairedWith(ModelProto model, byte[] pipelineFile) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(pipelineFile);
            return model.toBuilder().addMetadataProps(entry(PIPELINE_SHA256_KEY, HexFormat.of().formatHex(digest)))
                    .build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void addParameters(GraphBuilder graph, StateDict parameters) {
        for (var entry : parameters.tensors().entrySet()) {
            Tensor tensor = entry.getValue();
            float[] values = new float[tensor.size()];
            tensor.copyInto(values);
            graph.floats(entry.getKey(), tensor.shape(), values);
        }
    }

    /** {@code bag_means [documents, D]}: the mean embedding row of each document, zero for an empty one. */
    private static void addBagMeans(GraphBuilder graph, int embeddingDim) {
        graph.longs("zero", new int[0], 0)
                .longs("one", new int[0], 1)
                .longs("one_1d", new int[] {1}, 1)
                .longs("zero_1d", new int[] {1}, 0)
                .longs("max_1d", new int[] {1}, Long.MAX_VALUE)
                .longs("embedding_dim_1d", new int[] {1}, embeddingDim)
                // the rows of every token, and where each document ends
                .node("Gather", new String[] {StateDict.EMBEDDING_WEIGHT, TOKEN_IDS}, "rows", intAttribute("axis", 0))
                .node("Shape", new String[] {TOKEN_IDS}, "token_count_1d")
                .node("Shape", new String[] {OFFSETS}, "document_count_1d")
                .node("Slice", new String[] {OFFSETS, "one_1d", "max_1d", "zero_1d"}, "later_starts")
                .node("Concat", new String[] {"later_starts", "token_count_1d"}, "ends", intAttribute("axis", 0))
                .node("Sub", new String[] {"ends", OFFSETS}, "lengths")
                // document of each token: how many later documents start at or before it
                .node("Add", new String[] {"token_count_1d", "one_1d"}, "mark_count_1d")
                .node("ConstantOfShape", new String[] {"mark_count_1d"}, "no_marks", longValue(0))
                .node("Shape", new String[] {"later_starts"}, "later_count_1d")
                .node("ConstantOfShape", new String[] {"later_count_1d"}, "start_marks", longValue(1))
                .node("ScatterElements", new String[] {"no_marks", "later_starts", "start_marks"}, "marks",
                        intAttribute("axis", 0), stringAttribute("reduction", "add"))
                .node("CumSum", new String[] {"marks", "zero"}, "running_marks")
                .node("Slice", new String[] {"running_marks", "zero_1d", "token_count_1d", "zero_1d"}, "document_of_token")
                // per-document sums of the rows, divided by the lengths
                .node("Unsqueeze", new String[] {"document_of_token", "one_1d"}, "document_column")
                .node("Shape", new String[] {"rows"}, "rows_shape")
                .node("Expand", new String[] {"document_column", "rows_shape"}, "row_targets")
                .node("Concat", new String[] {"document_count_1d", "embedding_dim_1d"}, "sums_shape",
                        intAttribute("axis", 0))
                .node("ConstantOfShape", new String[] {"sums_shape"}, "no_sums", floatValue(0))
                .node("ScatterElements", new String[] {"no_sums", "row_targets", "rows"}, "bag_sums",
                        intAttribute("axis", 0), stringAttribute("reduction", "add"))
                .node("Max", new String[] {"lengths", "one"}, "divisors")
                .node("Cast", new String[] {"divisors"}, "float_divisors",
                        intAttribute("to", TensorProto.DataType.FLOAT.getNumber()))
                .node("Unsqueeze", new String[] {"float_divisors", "one_1d"}, "divisor_column")
                .node("Div", new String[] {"bag_sums", "divisor_column"}, "bag_means");
    }

    private static AttributeProto longValue(long value) {
        return tensorAttribute("value", GraphBuilder.tensor("value", TensorProto.DataType.INT64, new int[] {1},
                GraphBuilder.longBytes(value)));
    }

    private static AttributeProto floatValue(float value) {
        return tensorAttribute("value", GraphBuilder.tensor("value", TensorProto.DataType.FLOAT, new int[] {1},
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array()));
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
