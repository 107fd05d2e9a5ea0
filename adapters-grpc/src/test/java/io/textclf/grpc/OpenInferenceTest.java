package io.textclf.grpc;

import static io.textclf.grpc.Statuses.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.textclf.application.dataset.AgNewsCsvReader;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.domain.data.Example;
import io.textclf.proto.oip.GRPCInferenceServiceGrpc;
import io.textclf.proto.oip.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.textclf.proto.oip.InferTensorContents;
import io.textclf.proto.oip.ModelInferRequest;
import io.textclf.proto.oip.ModelInferRequest.InferInputTensor;
import io.textclf.proto.oip.ModelInferResponse;
import io.textclf.proto.oip.ModelMetadataRequest;
import io.textclf.proto.oip.ModelMetadataResponse;
import io.textclf.proto.oip.ModelReadyRequest;
import io.textclf.proto.oip.ServerLiveRequest;
import io.textclf.proto.oip.ServerMetadataRequest;
import io.textclf.proto.oip.ServerReadyRequest;
import io.textclf.proto.v1.Class;
import io.textclf.proto.v1.ClassifyRequest;
import io.textclf.proto.v1.ClassifyResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Open Inference Protocol service, through stubs generated from the protocol's proto. */
class OpenInferenceTest {

    @TempDir
    Path folder;

    private InProcess server;
    private GRPCInferenceServiceBlockingStub inference;

    @BeforeEach
    void start() {
        Path models = folder.resolve("models");
        Fixtures.install(Fixtures.oneEpochModel(), models, "news", 1);
        Fixtures.install(Fixtures.twoEpochModel(), models, "news", 2);
        server = InProcess.start(InProcess.settings(models, folder.resolve("data")));
        inference = GRPCInferenceServiceGrpc.newBlockingStub(server.channel);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void modelInferGivesClassifysProbabilitiesForEveryAgNewsMiniTestText() {
        List<String> texts = new AgNewsCsvReader().read(Fixtures.AG_NEWS_MINI.resolve("test.csv"), 4,
                BadRowPolicy.FAIL).examples().stream().map(Example::text).toList();
        assertEquals(1600, texts.size());
        for (int from = 0; from < texts.size(); from += 500) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + 500));
            ClassifyResponse classified = server.classification().classify(ClassifyRequest.newBuilder()
                    .addAllTexts(batch).setTopK(4).build());
            ModelInferResponse inferred = inference.modelInfer(infer("news", "", batch));
            assertEquals("2", inferred.getModelVersion());
            assertEquals(List.of(List.of((long) batch.size(), 4L), List.of((long) batch.size())),
                    List.of(inferred.getOutputs(0).getShapeList(), inferred.getOutputs(1).getShapeList()));
            List<Float> probabilities = inferred.getOutputs(0).getContents().getFp32ContentsList();
            for (int i = 0; i < batch.size(); i++) {
                for (Class c : classified.getResults(i).getClassesList()) {
                    assertEquals((float) c.getScore(), probabilities.get(i * 4 + c.getIndex()), "text " + (from + i));
                }
                assertEquals(classified.getResults(i).getClasses(0).getLabel(),
                        inferred.getOutputs(1).getContents().getBytesContents(i).toStringUtf8());
            }
        }
    }

    @Test
    void rawContentsInGiveRawContentsOutWithTheSameValues() {
        List<String> texts = Fixtures.NEWS;
        ByteBuffer raw = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        for (String text : texts) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            raw.putInt(bytes.length).put(bytes);
        }
        ModelInferRequest request = ModelInferRequest.newBuilder().setModelName("news").setModelVersion("1")
                .setId("req-7")
                .addInputs(InferInputTensor.newBuilder().setName("text").setDatatype("BYTES").addShape(texts.size()))
                .addRawInputContents(ByteString.copyFrom(raw.flip()))
                .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("probabilities"))
                .build();
        ModelInferResponse response = inference.modelInfer(request);
        ModelInferResponse typed = inference.modelInfer(infer("news", "1", texts));
        assertEquals("req-7", response.getId());
        assertEquals(1, response.getOutputsCount());
        ByteBuffer floats = response.getRawOutputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        for (float expected : typed.getOutputs(0).getContents().getFp32ContentsList()) {
            assertEquals(expected, floats.getFloat());
        }
        assertFalse(floats.hasRemaining());
    }

    @Test
    void healthMetadataAndVersionsFollowTheProtocol() {
        assertTrue(inference.serverLive(ServerLiveRequest.getDefaultInstance()).getLive());
        assertTrue(inference.serverReady(ServerReadyRequest.getDefaultInstance()).getReady());
        assertTrue(inference.modelReady(ModelReadyRequest.newBuilder().setName("news").setVersion("1").build())
                .getReady());
        assertFalse(inference.modelReady(ModelReadyRequest.newBuilder().setName("news").setVersion("3").build())
                .getReady());
        assertFalse(inference.modelReady(ModelReadyRequest.newBuilder().setName("nope").build()).getReady());
        assertEquals("textclf", inference.serverMetadata(ServerMetadataRequest.getDefaultInstance()).getName());

        ModelMetadataResponse metadata = inference.modelMetadata(ModelMetadataRequest.newBuilder()
                .setName("news").build());
        assertEquals(List.of("1", "2"), metadata.getVersionsList());
        assertEquals("text", metadata.getInputs(0).getName());
        assertEquals("BYTES", metadata.getInputs(0).getDatatype());
        assertEquals(List.of(-1L, 4L), metadata.getOutputs(0).getShapeList());
        assertEquals("FP32", metadata.getOutputs(0).getDatatype());
        assertEquals("2", metadata.getPropertiesOrThrow("version"));
        assertEquals("basic_english", metadata.getPropertiesOrThrow("tokenizer"), "the name, as textclf.v1 gives it");
        assertEquals("1", metadata.getPropertiesOrThrow("word_ngrams"));
        assertEquals("0", metadata.getPropertiesOrThrow("buckets"));
    }

    @Test
    void errorsUseStatusCodesThatNameTheProblem() {
        assertFails(Status.Code.NOT_FOUND, "no version 9", () -> inference.modelInfer(infer("news", "9", Fixtures.NEWS)));
        assertFails(Status.Code.NOT_FOUND, "no model named 'nope'",
                () -> inference.modelInfer(infer("nope", "", Fixtures.NEWS)));
        for (String version : new String[] {"v1", "+1", "01", " 1", "-1", "0"}) {
            assertFails(Status.Code.INVALID_ARGUMENT, "model version '" + version + "' is not a version",
                    () -> inference.modelInfer(infer("news", version, Fixtures.NEWS)));
        }
        assertFails(Status.Code.INVALID_ARGUMENT, "datatype FP32",
                () -> inference.modelInfer(infer("news", "", Fixtures.NEWS).toBuilder()
                        .setInputs(0, InferInputTensor.newBuilder().setName("text").setDatatype("FP32").addShape(1))
                        .build()));
        assertFails(Status.Code.INVALID_ARGUMENT, "shape [5] (5 elements) but holds 4",
                () -> inference.modelInfer(infer("news", "", Fixtures.NEWS).toBuilder()
                        .setInputs(0, input(Fixtures.NEWS).toBuilder().setShape(0, 5)).build()));
        ModelInferRequest one = infer("news", "", Fixtures.NEWS.subList(0, 1));
        InferInputTensor mixed = one.getInputs(0).toBuilder()
                .setContents(one.getInputs(0).getContents().toBuilder().addFp32Contents(1f)).build();
        assertFails(Status.Code.INVALID_ARGUMENT, "input 'text' is BYTES: its contents go in bytes_contents only",
                () -> inference.modelInfer(one.toBuilder().setInputs(0, mixed).build()));
        assertFails(Status.Code.INVALID_ARGUMENT, "output 'label' is asked for twice",
                () -> inference.modelInfer(infer("news", "", Fixtures.NEWS).toBuilder()
                        .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("label"))
                        .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("label"))
                        .build()));
        assertFails(Status.Code.INVALID_ARGUMENT, "unexpected output 'logits'",
                () -> inference.modelInfer(infer("news", "", Fixtures.NEWS).toBuilder()
                        .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("logits"))
                        .build()));
        assertFails(Status.Code.INVALID_ARGUMENT, "element 0 is not valid UTF-8",
                () -> inference.modelInfer(infer("news", "", List.of()).toBuilder()
                        .setInputs(0, InferInputTensor.newBuilder().setName("text").setDatatype("BYTES").addShape(1)
                                .setContents(InferTensorContents.newBuilder()
                                        .addBytesContents(ByteString.copyFrom(new byte[] {(byte) 0xff}))))
                        .build()));
    }

    static ModelInferRequest infer(String model, String version, List<String> texts) {
        return ModelInferRequest.newBuilder().setModelName(model).setModelVersion(version).addInputs(input(texts))
                .build();
    }

    private static InferInputTensor input(List<String> texts) {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        texts.forEach(text -> contents.addBytesContents(ByteString.copyFromUtf8(text)));
        return InferInputTensor.newBuilder().setName("text").setDatatype("BYTES").addShape(texts.size())
                .setContents(contents).build();
    }
}
