package io.textclf.modelformat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.text.Vocabulary;
import io.textclf.modelformat.v1.ModelFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model file's payload, written in parts, is byte for byte the message protobuf serializes whole. */
class ModelFilePayloadTest {

    @Test
    void samePayloadAsProtobufForSmallAndExtendedModels() {
        assertSameAsProtobuf(ModelFileStoreTest.artifact());
        assertSameAsProtobuf(CheckpointAndExtendedModelFileTest.extended());
    }

    @Test
    void samePayloadForALargeVocabularyOfAnyCharactersAndWordNgramRows() {
        assertSameAsProtobuf(large());
    }

    @Test
    void aModelFileOfSeveralMegabytesHoldsProtobufsBytesAndLoadsBack(@TempDir Path dir) throws IOException {
        ModelArtifact artifact = large();
        Path file = dir.resolve("large.textclf");
        ModelFileStore store = new ModelFileStore();
        store.save(artifact, file);
        byte[] bytes = Files.readAllBytes(file);
        byte[] expected = WholeMessages.modelFile(artifact).toByteArray();
        assertTrue(expected.length > 2 << 20, "larger than the container's write buffer: " + expected.length);
        assertArrayEquals(expected, Arrays.copyOfRange(bytes, ModelFileStore.HEADER_BYTES, bytes.length));
        ModelArtifact loaded = store.load(file);
        assertEquals(artifact.parameters(), loaded.parameters());
        // unpaired surrogates come back as '?', as protobuf encodes them; the bytes above are protobuf's own
        assertEquals(artifact.vocabulary().size(), loaded.vocabulary().size());
        assertEquals(artifact.vocabulary().tokens().subList(0, 5), loaded.vocabulary().tokens().subList(0, 5));
    }

    /** 20,000 tokens of up to 300 characters of any kind, and 1,000 n-gram rows. */
    private static ModelArtifact large() {
        Random random = new Random(11);
        Set<String> distinct = new LinkedHashSet<>(List.of("<unk>", "", "é", "日本語", "\uD83D\uDE00", "a\uD800b",
                "\uDC00"));
        while (distinct.size() < 20_000) {
            StringBuilder token = new StringBuilder();
            for (int i = 1 + random.nextInt(300); i > 0; i--) {
                token.append((char) (random.nextInt(10) == 0 ? random.nextInt(0x10000) : 'a' + random.nextInt(26)));
            }
            distinct.add(token.toString());
        }
        List<String> tokens = new ArrayList<>(distinct);
        ModelArtifact base = ModelFileStoreTest.artifact();
        ModelDims dims = new ModelDims(tokens.size() + 1000, 16, 3);
        StateDict parameters = new UniformInitializer(0.5, 5).initialize(dims, 1000);
        PipelineSpec pipeline = new PipelineSpec("basic_english", Map.of("b", "2", "a", "1"),
                Map.of("word_ngrams", "2", "buckets", "1000"));
        return new ModelArtifact(pipeline, new Vocabulary(tokens, 0), List.of("x", "y", "z"), parameters,
                base.settings(), base.metrics(), base.provenance());
    }

    private static void assertSameAsProtobuf(ModelArtifact artifact) {
        ModelFile proto = WholeMessages.modelFile(artifact);
        ModelFilePayload payload = new ModelFilePayload(artifact);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try {
            payload.writeTo(written);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(proto.getSerializedSize(), payload.size());
        assertArrayEquals(proto.toByteArray(), written.toByteArray());
    }
}
