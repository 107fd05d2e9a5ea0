package io.textclf.modelformat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The model file's payload, written in parts, is byte for byte the message protobuf serializes whole. */
class ModelFilePayloadTest {

    @Test
    void samePayloadAsProtobufForSmallAndExtendedModels() {
        assertSameAsProtobuf(ModelFileStoreTest.artifact());
        assertSameAsProtobuf(CheckpointAndExtendedModelFileTest.extended());
    }

    @Test
    void samePayloadForALargeVocabularyOfAnyCharactersAndWordNgramRows() {
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
        assertSameAsProtobuf(new ModelArtifact(pipeline, new Vocabulary(tokens, 0), List.of("x", "y", "z"), parameters,
                base.settings(), base.metrics(), base.provenance()));
    }

    private static void assertSameAsProtobuf(ModelArtifact artifact) {
        ModelFile proto = ModelFileCodec.toProto(artifact);
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
