package io.textclf.modelexchange.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.text.WordNgrams;
import io.textclf.modelexchange.AgNewsMiniModel;
import io.textclf.modelexchange.json.JsonReader;
import io.textclf.modelexchange.pytorch.ImportedModel;
import io.textclf.modelexchange.pytorch.PyTorchImport;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An exported safetensors file holds the parameters bit for bit, with the vocabulary and labels. */
class SafetensorsExportTest {

    @TempDir
    Path folder;

    @Test
    void parsingTheBytesGivesTheSameTensorsBitForBit() throws Exception {
        AgNewsMiniModel model = AgNewsMiniModel.get();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SafetensorsFormat.write(ModelSafetensors.of(model.parameters, model.vocabulary, model.labels,
                PipelineSpec.tutorial()), out);
        ByteBuffer file = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);

        long headerLength = file.getLong();
        assertEquals(0, headerLength % 8, "the header is padded to 8 bytes");
        Map<?, ?> header = (Map<?, ?>) JsonReader.parse(
                new String(out.toByteArray(), 8, (int) headerLength, StandardCharsets.UTF_8).stripTrailing());
        int dataStart = 8 + (int) headerLength;
        for (Map.Entry<String, Tensor> parameter : model.parameters.tensors().entrySet()) {
            Map<?, ?> entry = (Map<?, ?>) header.get(parameter.getKey());
            assertEquals("F32", entry.get("dtype"));
            Tensor tensor = parameter.getValue();
            assertEquals(Arrays.stream(tensor.shape()).asLongStream().boxed().toList(), entry.get("shape"));
            long begin = (Long) ((List<?>) entry.get("data_offsets")).get(0);
            for (int i = 0; i < tensor.size(); i++) {
                int bits = file.getInt(dataStart + (int) begin + 4 * i);
                if (bits != Float.floatToRawIntBits(tensor.valueAt(i))) {
                    throw new AssertionError(parameter.getKey() + "[" + i + "] differs");
                }
            }
        }
        Map<?, ?> metadata = (Map<?, ?>) header.get("__metadata__");
        assertEquals("pt", metadata.get("format"));
        assertEquals(model.vocabulary.tokens(), JsonReader.parse((String) metadata.get(ModelSafetensors.VOCABULARY)));
        assertEquals(model.labels, JsonReader.parse((String) metadata.get(ModelSafetensors.LABELS)));
    }

    @Test
    void importingTheExportWithoutSideFilesRestoresTheModel() throws Exception {
        AgNewsMiniModel model = AgNewsMiniModel.get();
        Path file = folder.resolve("model.safetensors");
        PipelineSpec pipeline = new PipelineSpec("basic_english", Map.of("option", "x"), Map.of());
        try (var out = Files.newOutputStream(file)) {
            SafetensorsFormat.write(ModelSafetensors.of(model.parameters, model.vocabulary, model.labels, pipeline), out);
        }
        ImportedModel imported = PyTorchImport.read(file, Optional.empty(), Optional.empty());
        for (String name : List.of(StateDict.EMBEDDING_WEIGHT, StateDict.FC_WEIGHT, StateDict.FC_BIAS)) {
            assertArrayEquals(model.parameters.get(name).values(), imported.parameters().get(name).values(), 0f, name);
        }
        assertEquals(model.vocabulary.tokens(), imported.vocabulary().tokens());
        assertEquals(model.vocabulary.defaultIndex(), imported.vocabulary().defaultIndex());
        assertEquals(model.labels, imported.labels());
        assertEquals(pipeline, imported.pipeline());
    }

    @Test
    void aWordNgramModelComesBackWithItsBucketRows() throws Exception {
        Vocabulary vocabulary = new Vocabulary(List.of("<unk>", "oil", "prices"), 0);
        PipelineSpec pipeline = PipelineSpec.tutorial().withWordNgrams(WordNgrams.of(2, 4));
        StateDict parameters = new UniformInitializer(0.5, 7).initialize(new ModelDims(3 + 4, 2, 2));
        Path file = folder.resolve("ngrams.safetensors");
        try (var out = Files.newOutputStream(file)) {
            SafetensorsFormat.write(ModelSafetensors.of(parameters, vocabulary, List.of("a", "b"), pipeline), out);
        }
        ImportedModel imported = PyTorchImport.read(file, Optional.empty(), Optional.empty());
        assertEquals(pipeline, imported.pipeline());
        assertEquals(parameters, imported.parameters());
        assertEquals(7, imported.toArtifact("test", Instant.EPOCH).parameters().dims().vocabSize());
    }
}
