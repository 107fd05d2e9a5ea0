package io.textclf.cli;

import io.textclf.application.TextclfVersion;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.StateDict;
import io.textclf.modelexchange.onnx.OnnxExport;
import io.textclf.modelexchange.onnx.TextPipelineJson;
import io.textclf.modelexchange.onnx.proto.ModelProto;
import io.textclf.modelexchange.safetensors.ModelSafetensors;
import io.textclf.modelexchange.safetensors.SafetensorsFormat;
import io.textclf.modelformat.AtomicFiles;
import io.textclf.modelformat.ModelFileStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code textclf export}: a model file as ONNX (with its text pipeline as JSON) or as safetensors. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a model for other runtimes (see docs/model-format.md).",
            "onnx: token ids and offsets to probabilities, standard operators only (no Loop), opset "
                    + OnnxExport.OPSET + "; the vocabulary, tokenizer and labels go to a JSON file beside it.",
            "safetensors: embedding.weight, fc.weight, fc.bias for PyTorch's load_state_dict; vocabulary and "
                    + "labels in the header's __metadata__."})
final class ExportCommand implements Callable<Integer> {

    enum Format { onnx, safetensors }

    @Spec
    private CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, description = "Model file.")
    private Path model;

    @Option(names = "--format", required = true, description = "onnx or safetensors.")
    private Format format;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "File to write.")
    private Path output;

    @Option(names = "--pipeline", paramLabel = "FILE",
            description = "With onnx: where the text pipeline JSON goes (default: the output's name with "
                    + ".pipeline.json in place of .onnx).")
    private Path pipeline;

    @Mixin
    private VerboseOption verbose;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() {
        if (format != Format.onnx && pipeline != null) {
            throw new InvalidOptionException("--pipeline applies to --format onnx only (safetensors keeps the "
                    + "vocabulary and labels in its header)");
        }
        ModelArtifact artifact = new ModelFileStore().load(model);
        try {
            artifact.pipeline().wordNgrams();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(model + ": " + e.getMessage() + ": this textclf computes the tokens "
                    + "and their word n-grams only, and cannot export a model with other features", e);
        }
        refuseToOverwrite(output, format == Format.onnx ? ONNX : SAFETENSORS);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.onnx) {
            Path pipelineFile = pipeline != null ? pipeline : pipelineBeside(output);
            if (pipelineFile.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
                throw new InvalidOptionException("--pipeline and -o both name " + output + "; choose two files");
            }
            refuseToOverwrite(pipelineFile, PIPELINE_JSON);
            // both files or neither: a folder that takes one but not the other fails before either is written
            AtomicFiles.requireWritable(output, "");
            AtomicFiles.requireWritable(pipelineFile, "");
            byte[] pipelineJson = TextPipelineJson.of(artifact.pipeline(), artifact.vocabulary(), artifact.labels())
                    .getBytes(StandardCharsets.UTF_8);
            ModelProto graph = OnnxExport.pairedWith(OnnxExport.toOnnx(artifact.parameters(), artifact.labels(),
                    artifact.pipeline(), TextclfVersion.current()), pipelineJson);
            // the model last: until its rename, the target's old model keeps the digest of its own pipeline
            writeTogether(List.of(new AtomicFiles.Write(pipelineFile, filler(stream -> stream.write(pipelineJson))),
                    new AtomicFiles.Write(output, filler(graph::writeTo))));
            if (json.json) {
                out.println(Json.object("format", Json.string("onnx"), "output", Json.string(output.toString()),
                        "pipeline", Json.string(pipelineFile.toString()), "opset", Long.toString(OnnxExport.OPSET),
                        "inputs", Json.array(List.of(Json.string(OnnxExport.TOKEN_IDS),
                                Json.string(OnnxExport.OFFSETS))),
                        "outputs", Json.array(List.of(Json.string(OnnxExport.PROBABILITIES),
                                Json.string(OnnxExport.LOGITS)))));
            } else {
                out.printf("wrote ONNX model %s (opset %d, inputs %s and %s, outputs %s and %s)%n", output,
                        OnnxExport.OPSET, OnnxExport.TOKEN_IDS, OnnxExport.OFFSETS, OnnxExport.PROBABILITIES,
                        OnnxExport.LOGITS);
                out.printf("wrote text pipeline %s (%s, %d tokens, %d labels)%n", pipelineFile,
                        artifact.pipeline().describe(), artifact.vocabulary().size(), artifact.labels().size());
            }
        } else {
            write(output, stream -> SafetensorsFormat.write(ModelSafetensors.of(artifact.parameters(),
                    artifact.vocabulary(), artifact.labels(), artifact.pipeline()), stream));
            if (json.json) {
                out.println(Json.object("format", Json.string("safetensors"), "output", Json.string(output.toString()),
                        "tensors", Json.array(List.of(Json.string(StateDict.EMBEDDING_WEIGHT),
                                Json.string(StateDict.FC_WEIGHT), Json.string(StateDict.FC_BIAS)))));
            } else {
                out.printf("wrote safetensors %s (embedding.weight, fc.weight, fc.bias; vocabulary and labels in "
                        + "__metadata__)%n", output);
            }
        }
        out.flush();
        return 0;
    }

    static Path pipelineBeside(Path onnx) {
        String name = onnx.getFileName().toString();
        String base = name.endsWith(".onnx") ? name.substring(0, name.length() - ".onnx".length()) : name;
        return onnx.resolveSibling(base + ".pipeline.json");
    }

    /**
     * A kind of file this command writes, and how the start of an earlier one looks.
     *
     * @param name   what the kind is called in messages
     * @param starts whether the first bytes of a file (up to {@link #HEAD_BYTES}) and its size are those of one
     */
    private record Kind(String name, BiPredicate<byte[], Long> starts) {
    }

    /** The bytes of an existing file that tell its kind. */
    private static final int HEAD_BYTES = 64;

    private static final Kind SAFETENSORS = new Kind("a safetensors file", SafetensorsFormat::startsLikeOne);

    private static final Kind ONNX = new Kind("an ONNX model written by textclf",
            (head, size) -> OnnxExport.startsLikeOne(head));

    private static final Kind PIPELINE_JSON = new Kind("a textclf text pipeline",
            (head, size) -> TextPipelineJson.startsLikeOne(head));

    /**
     * Never replaces the model being exported, anything but a file, nor a file that is not an earlier export of
     * {@code kind} (a data file that a typo in a path would destroy).
     */
    private void refuseToOverwrite(Path target, Kind kind) {
        try {
            if (!Files.exists(target)) {
                return;
            }
            if (Files.isSameFile(target, model) || !Files.isRegularFile(target)) {
                throw new IllegalArgumentException(target + " is " + (Files.isRegularFile(target)
                        ? "the model being exported" : "not a regular file") + "; choose another output");
            }
            byte[] head;
            try (InputStream in = Files.newInputStream(target)) {
                head = in.readNBytes(HEAD_BYTES);
            }
            if (!kind.starts().test(head, Files.size(target))) {
                throw new IllegalArgumentException("refusing to overwrite " + target + ": it exists and is not "
                        + kind.name() + "; choose another output path or delete it");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": " + AtomicFiles.reason(e, target), e);
        }
    }

    private interface Content {
        void writeTo(OutputStream stream) throws IOException;
    }

    private static AtomicFiles.Filler filler(Content content) {
        return temporary -> {
            try (OutputStream stream = Files.newOutputStream(temporary)) {
                content.writeTo(stream);
            }
        };
    }

    private static void write(Path target, Content content) {
        writeTogether(List.of(new AtomicFiles.Write(target, filler(content))));
    }

    /** Writes the files atomically, each as a whole, none replaced unless all could be written. */
    private static void writeTogether(List<AtomicFiles.Write> writes) {
        try {
            AtomicFiles.replaceTogether(writes);
        } catch (IOException e) {
            Path last = writes.get(writes.size() - 1).target();
            String targets = writes.stream().map(write -> write.target().toString())
                    .collect(Collectors.joining(" and "));
            throw new UncheckedIOException("cannot write " + targets + ": " + AtomicFiles.reason(e, last), e);
        }
    }
}
