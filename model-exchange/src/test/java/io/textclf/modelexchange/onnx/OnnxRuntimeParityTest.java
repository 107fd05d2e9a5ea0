package io.textclf.modelexchange.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.textclf.domain.model.Model;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.predict.ScoredLabel;
import io.textclf.domain.predict.TextClassifier;
import io.textclf.domain.reference.ReferenceBackend;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.text.WordNgrams;
import io.textclf.modelexchange.AgNewsMiniModel;
import io.textclf.modelexchange.json.JsonReader;
import io.textclf.modelexchange.onnx.proto.ModelProto;
import io.textclf.modelexchange.onnx.proto.NodeProto;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The exported graph in ONNX Runtime gives textclf's probabilities, and has no control flow. */
class OnnxRuntimeParityTest {

    private static final double TOLERANCE = 1e-5;

    private static AgNewsMiniModel model;
    private static byte[] onnx;
    private static OrtEnvironment environment;
    private static OrtSession session;
    private static Map<?, ?> pipeline;
    private static final Map<String, Integer> INDEX_BY_TOKEN = new HashMap<>();

    @BeforeAll
    static void export() throws OrtException {
        model = AgNewsMiniModel.get();
        onnx = OnnxExport.toOnnx(model.parameters, model.labels, PipelineSpec.tutorial(), "test").toByteArray();
        pipeline = (Map<?, ?>) JsonReader.parse(TextPipelineJson.of(PipelineSpec.tutorial(), model.vocabulary,
                model.labels));
        List<?> tokens = (List<?>) ((Map<?, ?>) pipeline.get("vocabulary")).get("tokens");
        for (int i = 0; i < tokens.size(); i++) {
            INDEX_BY_TOKEN.put((String) tokens.get(i), i);
        }
        environment = OrtEnvironment.getEnvironment();
        session = environment.createSession(onnx, new OrtSession.SessionOptions());
    }

    @AfterAll
    static void close() throws OrtException {
        session.close();
    }

    @Test
    void everyAgNewsMiniTestTextGetsTextclfsProbabilities() throws Exception {
        List<String> texts = model.testTexts;
        int classes = model.labels.size();
        int[][] documents = texts.stream().map(t -> encodeAsThePipelineJsonSays(t)).toArray(int[][]::new);
        float[][] onnxProbabilities = run(TokenBatch.of(documents)).get(OnnxExport.PROBABILITIES);
        double worst = 0;
        try (TextClassifier classifier = new TextClassifier(model.tokenizer, model.vocabulary, model.labels,
                new ReferenceBackend().inference(model.parameters))) {
            var predictions = classifier.predict(texts, classes);
            for (int d = 0; d < texts.size(); d++) {
                for (ScoredLabel scored : predictions.get(d).labels()) {
                    worst = Math.max(worst, Math.abs(scored.probability() - onnxProbabilities[d][scored.index()]));
                }
            }
        }
        assertEquals(1600, texts.size());
        assertEquals(model.labels, pipeline.get("labels"));
        assertTrue(worst <= TOLERANCE, "largest difference " + worst);
        System.out.printf("ONNX Runtime vs textclf on %d ag_news_mini test texts: max |p difference| %.3g%n",
                texts.size(), worst);
    }

    @Test
    void emptyDocumentsAndSingleDocumentsMatchTheModelsLogits() throws Exception {
        int[][][] batches = {
            {{1, 2, 3}},
            {{}},
            {{}, {5, 5}, {}, {7}, {}},
            {{4}, {}, {}},
            {{}, {}},
        };
        try (Model reference = new ReferenceBackend().inference(model.parameters)) {
            for (int[][] documents : batches) {
                TokenBatch batch = TokenBatch.of(documents);
                float[] expected = reference.logits(batch);
                float[][] logits = run(batch).get(OnnxExport.LOGITS);
                int classes = model.labels.size();
                for (int d = 0; d < documents.length; d++) {
                    for (int c = 0; c < classes; c++) {
                        assertEquals(expected[d * classes + c], logits[d][c], 1e-5,
                                "document " + d + " of " + Arrays.deepToString(documents));
                    }
                }
            }
        }
    }

    @Test
    void aWordNgramModelsIdsReachItsBucketRows() throws Exception {
        WordNgrams ngrams = WordNgrams.of(2, 1000);
        int words = model.vocabulary.size();
        Tensor trained = model.parameters.get(StateDict.EMBEDDING_WEIGHT);
        int dim = trained.shape()[1];
        float[] rows = new UniformInitializer(0.5, 3).initialize(new ModelDims(words + 1000, dim, model.labels.size()))
                .get(StateDict.EMBEDDING_WEIGHT).values();
        System.arraycopy(trained.values(), 0, rows, 0, trained.size());
        StateDict withBuckets = StateDict.of(new Tensor(new int[] {words + 1000, dim}, rows),
                model.parameters.get(StateDict.FC_WEIGHT), model.parameters.get(StateDict.FC_BIAS));
        int[][] documents = model.testTexts.stream().map(text -> {
            List<String> tokens = model.tokenizer.tokenize(text);
            return ngrams.features(model.vocabulary.encode(tokens),
                    tokens.stream().mapToInt(WordNgrams::hash).toArray(), words);
        }).toArray(int[][]::new);
        double worst = 0;
        try (OrtSession graph = environment.createSession(
                    OnnxExport.toOnnx(withBuckets, model.labels, PipelineSpec.tutorial().withWordNgrams(ngrams), "test")
                            .toByteArray());
             TextClassifier classifier = new TextClassifier(model.tokenizer, ngrams, model.vocabulary, model.labels,
                     new ReferenceBackend().inference(withBuckets))) {
            float[][] probabilities = run(graph, TokenBatch.of(documents)).get(OnnxExport.PROBABILITIES);
            var predictions = classifier.predict(model.testTexts, model.labels.size());
            for (int d = 0; d < documents.length; d++) {
                for (ScoredLabel scored : predictions.get(d).labels()) {
                    worst = Math.max(worst, Math.abs(scored.probability() - probabilities[d][scored.index()]));
                }
            }
        }
        assertTrue(Arrays.stream(documents).flatMapToInt(Arrays::stream).anyMatch(id -> id >= words));
        assertTrue(worst <= TOLERANCE, "largest difference " + worst);
    }

    @Test
    void graphIsStandardOnnxWithoutLoop() throws Exception {
        ModelProto parsed = ModelProto.parseFrom(onnx);
        Set<String> operators = parsed.getGraph().getNodeList().stream().map(NodeProto::getOpType)
                .collect(Collectors.toSet());
        assertFalse(operators.contains("Loop"), "operators: " + operators);
        assertFalse(operators.contains("If") || operators.contains("Scan"), "operators: " + operators);
        assertTrue(parsed.getGraph().getNodeList().stream().allMatch(n -> n.getDomain().isEmpty()));
        assertEquals(OnnxExport.IR_VERSION, parsed.getIrVersion());
        assertEquals(OnnxExport.OPSET, parsed.getOpsetImport(0).getVersion());
        assertEquals(List.of(StateDict.EMBEDDING_WEIGHT, StateDict.FC_WEIGHT, StateDict.FC_BIAS),
                parsed.getGraph().getInitializerList().stream().map(t -> t.getName()).limit(3).toList());
        assertEquals(Set.of(OnnxExport.TOKEN_IDS, OnnxExport.OFFSETS), session.getInputNames());
    }

    /** Token ids as another language would make them from the side file: tokens' positions, else the default index. */
    private static int[] encodeAsThePipelineJsonSays(String text) {
        Map<?, ?> vocabulary = (Map<?, ?>) pipeline.get("vocabulary");
        int unknown = ((Long) vocabulary.get("default_index")).intValue();
        return model.tokenizer.tokenize(text).stream()
                .mapToInt(token -> INDEX_BY_TOKEN.getOrDefault(token, unknown)).toArray();
    }

    /** The graph's outputs by name, each {@code [documents, C]}. */
    private static Map<String, float[][]> run(TokenBatch batch) throws OrtException {
        return run(session, batch);
    }

    private static Map<String, float[][]> run(OrtSession graph, TokenBatch batch) throws OrtException {
        long[] ids = Arrays.stream(batch.tokenIds()).asLongStream().toArray();
        long[] offsets = Arrays.stream(batch.offsets()).asLongStream().toArray();
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), new long[] {ids.length});
             OnnxTensor offsetTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(offsets),
                     new long[] {offsets.length});
             OrtSession.Result result = graph.run(Map.of(OnnxExport.TOKEN_IDS, idTensor, OnnxExport.OFFSETS,
                     offsetTensor))) {
            return Map.of(OnnxExport.PROBABILITIES, (float[][]) result.get(OnnxExport.PROBABILITIES).orElseThrow().getValue(),
                    OnnxExport.LOGITS, (float[][]) result.get(OnnxExport.LOGITS).orElseThrow().getValue());
        }
    }
}
