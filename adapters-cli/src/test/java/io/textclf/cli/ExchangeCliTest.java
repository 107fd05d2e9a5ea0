package io.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.application.TestData;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.modelexchange.json.JsonReader;
import io.textclf.modelexchange.onnx.proto.ModelProto;
import io.textclf.modelexchange.onnx.proto.NodeProto;
import io.textclf.modelformat.ModelFileStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code textclf export} and {@code textclf import} as users run them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExchangeCliTest {

    /** The PyTorch 1.13 fixture of the model-exchange module, made by its make_fixture.py. */
    private static final Path PYTORCH = Path.of("../model-exchange/src/test/resources/pytorch");

    @TempDir
    static Path dir;

    private Path model;

    @BeforeAll
    void train() {
        model = dir.resolve("mini.textclf");
        CliRun training = CliRun.of("train", "--data", TestData.agNewsMini().toString(), "-o", model.toString(),
                "--epochs", "1", "--embed-dim", "16", "--progress", "none");
        assertEquals(0, training.exitCode(), training.err());
    }

    @Test
    void onnxExportWritesTheGraphAndItsTextPipeline() throws Exception {
        Path onnx = dir.resolve("mini.onnx");
        CliRun run = CliRun.of("export", "-m", model.toString(), "--format", "onnx", "-o", onnx.toString());
        assertEquals(0, run.exitCode(), run.err());
        ModelProto graph = ModelProto.parseFrom(Files.readAllBytes(onnx));
        assertTrue(graph.getGraph().getNodeList().stream().map(NodeProto::getOpType).noneMatch("Loop"::equals));
        Map<?, ?> pipeline = (Map<?, ?>) JsonReader.parse(Files.readString(dir.resolve("mini.pipeline.json")));
        assertEquals(Map.of("name", "basic_english", "settings", Map.of()), pipeline.get("tokenizer"));
        assertEquals(Map.of(), pipeline.get("features"));
        assertEquals(List.of("World", "Sports", "Business", "Sci/Tech"), pipeline.get("labels"));
        assertEquals("<unk>", ((List<?>) ((Map<?, ?>) pipeline.get("vocabulary")).get("tokens")).get(0));
        assertTrue(run.out().contains("wrote text pipeline " + dir.resolve("mini.pipeline.json")), run.out());
        CliRun json = CliRun.of("export", "-m", model.toString(), "--format", "onnx", "-o",
                dir.resolve("json.onnx").toString(), "--json");
        assertEquals(0, json.exitCode(), json.err());
        Map<?, ?> exported = (Map<?, ?>) JsonReader.parse(json.out());
        assertEquals(dir.resolve("json.pipeline.json").toString(), exported.get("pipeline"));
        assertEquals(17, ((Number) exported.get("opset")).intValue());
        assertEquals(List.of("probabilities", "logits"), exported.get("outputs"));
        Map<String, String> metadata = new java.util.HashMap<>();
        graph.getMetadataPropsList().forEach(entry -> metadata.put(entry.getKey(), entry.getValue()));
        assertEquals("basic_english", metadata.get("textclf.tokenizer"));
        assertEquals(Map.of("tokenizer", "basic_english", "tokenizer_settings", Map.of(), "features", Map.of()),
                JsonReader.parse(metadata.get("textclf.pipeline")));
        // the pair is tied: the model holds the digest of its own pipeline file
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(dir.resolve("mini.pipeline.json")))),
                metadata.get("textclf.pipeline_sha256"));
    }

    @Test
    void anNgramModelsOnnxFileSaysItsNgramsItself() throws Exception {
        Path bigrams = dir.resolve("bigrams.textclf");
        CliRun training = CliRun.of("train", "--data", TestData.agNewsMini().toString(), "-o", bigrams.toString(),
                "--epochs", "1", "--embed-dim", "8", "--ngrams", "2", "--buckets", "1000", "--progress", "none");
        assertEquals(0, training.exitCode(), training.err());
        Path onnx = dir.resolve("bigrams.onnx");
        assertEquals(0, CliRun.of("export", "-m", bigrams.toString(), "--format", "onnx", "-o", onnx.toString())
                .exitCode());
        String pipeline = ModelProto.parseFrom(Files.readAllBytes(onnx)).getMetadataPropsList().stream()
                .filter(entry -> entry.getKey().equals("textclf.pipeline")).findFirst().orElseThrow().getValue();
        assertEquals(Map.of("word_ngrams", "2", "buckets", "1000"),
                ((Map<?, ?>) JsonReader.parse(pipeline)).get("features"));
    }

    @Test
    void safetensorsExportImportsBackToTheSamePredictions() {
        Path safetensors = dir.resolve("mini.safetensors");
        Path imported = dir.resolve("imported.textclf");
        CliRun export = CliRun.of("export", "-m", model.toString(), "--format", "safetensors", "-o",
                safetensors.toString(), "--json");
        assertEquals(0, export.exitCode(), export.err());
        Map<?, ?> exported = (Map<?, ?>) JsonReader.parse(export.out());
        assertEquals(safetensors.toString(), exported.get("output"));
        assertEquals(List.of("embedding.weight", "fc.weight", "fc.bias"), exported.get("tensors"));
        CliRun run = CliRun.of("import", "--state-dict", safetensors.toString(), "-o", imported.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        Map<?, ?> json = (Map<?, ?>) JsonReader.parse(run.out());
        assertEquals(imported.toString(), json.get("model_file"));
        assertEquals(new ModelFileStore().load(model).vocabulary().size(),
                ((Number) json.get("vocabulary_size")).intValue());
        assertEquals(List.of("World", "Sports", "Business", "Sci/Tech"), json.get("labels"));
        String[] texts = {"The team won the championship game", "Shares fell after profit missed forecasts", ""};
        assertEquals(predict(model, texts), predict(imported, texts));
    }

    @Test
    void importOfThePyTorchFixturePredictsWhatPyTorchDid() throws Exception {
        Path imported = dir.resolve("pytorch.textclf");
        CliRun run = CliRun.of("import", "--state-dict", PYTORCH.resolve("tutorial_model.safetensors").toString(),
                "--vocab", PYTORCH.resolve("itos.txt").toString(), "--labels", PYTORCH.resolve("classes.txt").toString(),
                "-o", imported.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("vocabulary 5384 tokens, embedding dim 16, 4 classes"), run.out());
        CliRun info = CliRun.of("info", imported.toString());
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().contains("pytorch (imported)") && info.out().contains("tutorial_model.safetensors"),
                info.out());
        assertTrue(info.out().contains("test accuracy   not measured (no test file when it was made; 'textclf "
                + "evaluate' measures it)") && !info.out().contains("NaN"), info.out());
        Map<?, ?> first = (Map<?, ?>) JsonReader.parse(Files.readAllLines(PYTORCH.resolve("expected.jsonl")).get(0));
        CliRun predicted = CliRun.of("predict", "-m", imported.toString(), "--top-k", "4", "--json",
                (String) first.get("text"));
        List<?> labels = (List<?>) ((Map<?, ?>) JsonReader.parse(predicted.out().strip())).get("labels");
        List<String> names = List.of("World", "Sports", "Business", "Sci/Tech");
        for (Object label : labels) {
            Map<?, ?> scored = (Map<?, ?>) label;
            double pytorch = ((Number) ((List<?>) first.get("probabilities")).get(names.indexOf(scored.get("label"))))
                    .doubleValue();
            assertEquals(pytorch, ((Number) scored.get("probability")).doubleValue(), 1e-6);
        }
    }

    @Test
    void badInputGivesOneLineAndExitCodeOne() throws Exception {
        Path notSafetensors = Files.writeString(dir.resolve("x.safetensors"), "hello");
        CliRun run = CliRun.of("import", "--state-dict", notSafetensors.toString(), "-o", dir.resolve("x.textclf").toString());
        assertEquals(1, run.exitCode());
        assertEquals("textclf: error: " + notSafetensors + ": is 5 bytes long, too short for the 8-byte header length",
                run.err().strip());
        CliRun overwrite = CliRun.of("export", "-m", model.toString(), "--format", "onnx", "-o", model.toString());
        assertEquals(1, overwrite.exitCode());
        assertTrue(overwrite.err().contains("is the model being exported"), overwrite.err());
        CliRun same = CliRun.of("export", "-m", model.toString(), "--format", "onnx", "-o", dir.resolve("a.onnx").toString(),
                "--pipeline", dir.resolve("a.onnx").toString());
        assertEquals(2, same.exitCode(), "a usage error");
        assertTrue(same.err().contains("choose two files"), same.err());
        assertEquals(2, CliRun.of("export", "-m", model.toString(), "--format", "tflite", "-o", "x").exitCode());
    }

    @Test
    void importRefusesATokenizerNoPluginProvidesAndWritesNothing() throws Exception {
        Path safetensors = dir.resolve("tokenizer.safetensors");
        assertEquals(0, CliRun.of("export", "-m", model.toString(), "--format", "safetensors", "-o",
                safetensors.toString()).exitCode());
        byte[] bytes = Files.readAllBytes(safetensors);
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        assertTrue(latin.contains("\\\"basic_english\\\""), "the pipeline metadata names the tokenizer");
        // the tokenizer's key and the pipeline's, a name of the same length: the header keeps its size
        Files.write(safetensors, latin.replace("basic_english", "no_such_token").getBytes(StandardCharsets.ISO_8859_1));
        Path output = dir.resolve("unusable.textclf");
        CliRun run = CliRun.of("import", "--state-dict", safetensors.toString(), "-o", output.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("textclf: error: " + safetensors + ": unknown tokenizer 'no_such_token' "
                + "(available: basic_english"), run.err());
        assertFalse(Files.exists(output));
    }

    @Test
    void importWarnsOfVocabularyTokensTheTokenizerNeverYields() throws Exception {
        List<String> tokens = new java.util.ArrayList<>(Files.readAllLines(PYTORCH.resolve("itos.txt")));
        tokens.set(tokens.size() - 1, "new york");
        tokens.set(tokens.size() - 2, "Reuters");
        Path itos = Files.write(dir.resolve("spaced-itos.txt"), tokens);
        List<String> classes = new java.util.ArrayList<>(Files.readAllLines(PYTORCH.resolve("classes.txt")));
        classes.set(1, classes.get(1) + " ");
        Path labels = Files.write(dir.resolve("spaced-classes.txt"), classes);
        CliRun run = CliRun.of("import", "--state-dict", PYTORCH.resolve("tutorial_model.safetensors").toString(),
                "--vocab", itos.toString(), "--labels", labels.toString(),
                "-o", dir.resolve("spaced.textclf").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("textclf: warning: 2 vocabulary tokens hold whitespace or capital letters (the first: "
                + "'Reuters'), which basic_english never yields: their rows are never used",
                "textclf: warning: class name '" + classes.get(1) + "' has spaces at an end; predictions print it so"),
                run.err().strip().lines().toList());
    }

    @Test
    void aModelWithFeaturesThisTextclfDoesNotComputeIsNotExported() throws Exception {
        ModelFileStore store = new ModelFileStore();
        ModelArtifact a = store.load(model);
        Path odd = dir.resolve("odd-features.textclf");
        store.save(new ModelArtifact(new PipelineSpec("basic_english", Map.of(), Map.of("foo", "1")), a.vocabulary(),
                a.labels(), a.parameters(), a.settings(), a.metrics(), a.provenance()), odd);
        Path onnx = dir.resolve("odd.onnx");
        CliRun run = CliRun.of("export", "-m", odd.toString(), "--format", "onnx", "-o", onnx.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("textclf: error: " + odd + ": "), run.err());
        assertTrue(run.err().strip().endsWith("cannot export a model with other features"), run.err());
        assertFalse(Files.exists(onnx));
        assertFalse(Files.exists(dir.resolve("odd.pipeline.json")));
        CliRun evaluate = CliRun.of("evaluate", "-m", odd.toString(), "-d", dir.resolve("no-such-data").toString());
        assertEquals(1, evaluate.exitCode(), evaluate.err());
        assertTrue(evaluate.err().startsWith("textclf: error: " + odd + ": "),
                "the model's pipeline is checked, naming the model, before the data is looked for: " + evaluate.err());
        CliRun predict = CliRun.of("predict", "-m", odd.toString(), "text");
        assertEquals(1, predict.exitCode(), predict.err());
        assertTrue(predict.err().strip().endsWith("this textclf computes the tokens and their word n-grams only"),
                "its tokenizer is here: no plug-in would compute the feature, " + predict.err());
    }

    @Test
    void exportReplacesAnEarlierExportButNoOtherFile() throws Exception {
        Path data = Files.writeString(dir.resolve("data.csv"), "\"1\",\"a title\",\"a text\"\n");
        for (String format : List.of("safetensors", "onnx")) {
            CliRun refused = CliRun.of("export", "-m", model.toString(), "--format", format, "-o", data.toString());
            assertEquals(1, refused.exitCode(), format);
            assertTrue(refused.err().contains("refusing to overwrite " + data + ": it exists and is not "
                    + (format.equals("onnx") ? "an ONNX model" : "a safetensors file")), refused.err());
            Path exported = dir.resolve("again." + format);
            for (int time = 0; time < 2; time++) {
                CliRun run = CliRun.of("export", "-m", model.toString(), "--format", format, "-o", exported.toString());
                assertEquals(0, run.exitCode(), format + " export number " + (time + 1) + ": " + run.err());
            }
        }
        CliRun pipelineOverData = CliRun.of("export", "-m", model.toString(), "--format", "onnx", "-o",
                dir.resolve("b.onnx").toString(), "--pipeline", data.toString());
        assertEquals(1, pipelineOverData.exitCode());
        assertTrue(pipelineOverData.err().contains("is not a textclf text pipeline"), pipelineOverData.err());
        assertEquals("\"1\",\"a title\",\"a text\"\n", Files.readString(data));
        // a note that names the pipelines' format is no pipeline: only a JSON object that opens with it is
        String note = "Meeting notes.\n\"format\": \"textclf-text-pipeline\" is what we use.\n";
        Path notes = Files.writeString(dir.resolve("notes.txt"), note);
        CliRun pipelineOverNotes = CliRun.of("export", "-m", model.toString(), "--format", "onnx", "-o",
                dir.resolve("b.onnx").toString(), "--pipeline", notes.toString());
        assertEquals(1, pipelineOverNotes.exitCode());
        assertEquals(note, Files.readString(notes));
        CliRun pipelineWithSafetensors = CliRun.of("export", "-m", model.toString(), "--format", "safetensors", "-o",
                dir.resolve("c.safetensors").toString(), "--pipeline", dir.resolve("c.json").toString());
        assertEquals(2, pipelineWithSafetensors.exitCode());
        assertTrue(pipelineWithSafetensors.err().contains("--pipeline applies to --format onnx only"),
                pipelineWithSafetensors.err());
    }

    private static List<String> predict(Path model, String... texts) {
        CliRun run = CliRun.of(Stream.concat(Stream.of("predict", "-m", model.toString(), "--top-k", "4", "--json"),
                Stream.of(texts)).toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return run.out().lines().toList();
    }
}
