package io.textclf.modelexchange.pytorch;

import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.RunSetting;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.text.Vocabulary;
import io.textclf.modelexchange.ModelExchangeException;
import io.textclf.modelexchange.json.JsonReader;
import io.textclf.modelexchange.safetensors.ModelSafetensors;
import io.textclf.modelexchange.safetensors.SafetensorsFile;
import io.textclf.modelexchange.safetensors.SafetensorsFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads a model trained by the tutorial's PyTorch code: its {@code state_dict} saved as safetensors
 * ({@code embedding.weight [V, D]}, {@code fc.weight [C, D]}, {@code fc.bias [C]}, float32), its vocabulary
 * as the itos list (one token per line in index order; unknown tokens go to {@code <unk>}, as the tutorial's
 * {@code set_default_index(vocab["<unk>"])} says) and its class names one per line.
 *
 * <p>Without a vocabulary or label file, the ones in the safetensors file's {@code __metadata__} are used
 * (textclf's own safetensors export writes them, and its text pipeline, which is otherwise the tutorial's).
 */
public final class PyTorchImport {

    private static final String STATE_DICT = "state-dict";
    private static final String VOCAB = "vocab";
    private static final String LABELS = "labels";
    /** The first bytes of textclf's own model files and checkpoints (model-format's containers). */
    private static final String TEXTCLF_MAGIC = "TEXTCLF\0";
    private static final String CHECKPOINT_MAGIC = "TEXTCKP\0";

    private PyTorchImport() {
    }

    /** @throws ModelExchangeException when a file is missing, malformed, or does not fit the others, saying which */
    public static ImportedModel read(Path stateDictFile, Optional<Path> itosFile, Optional<Path> labelsFile) {
        List<RunSetting> sources = new ArrayList<>();
        SafetensorsFile safetensors = readSafetensors(stateDictFile, sources);
        StateDict parameters;
        ModelDims dims;
        try {
            parameters = new StateDict(safetensors.tensors());
            dims = parameters.dims();
        } catch (IllegalArgumentException e) {
            throw new ModelExchangeException(stateDictFile + ": not the tutorial's TextClassificationModel state_dict: "
                    + e.getMessage());
        }
        parameters.firstNonFinite().or(parameters::overflowingScores).ifPresent(problem -> {
            throw new ModelExchangeException(stateDictFile + ": " + problem + ": a model with it predicts nothing");
        });
        List<String> tokens = itosFile.map(f -> LineFiles.read(f, read(VOCAB, f, "vocabulary file", sources),
                "vocabulary file")).orElseGet(() -> fromMetadata(safetensors, ModelSafetensors.VOCABULARY,
                stateDictFile, "--vocab"));
        List<String> labels = labelsFile.map(f -> LineFiles.read(f, read(LABELS, f, "class-names file", sources),
                "class-names file")).orElseGet(() -> fromMetadata(safetensors, ModelSafetensors.LABELS, stateDictFile,
                "--labels"));
        String vocabSource = itosFile.map(Path::toString).orElse(stateDictFile + " (metadata)");
        // the metadata's index goes with the metadata's vocabulary; an itos file's unknown words go to <unk>
        OptionalInt defaultIndex = itosFile.isPresent() ? OptionalInt.empty()
                : ModelSafetensors.defaultIndex(safetensors, tokens.size(), vocabSource);
        Vocabulary vocabulary = vocabulary(tokens, defaultIndex, vocabSource);
        PipelineSpec pipeline = ModelSafetensors.pipeline(safetensors, stateDictFile.toString());
        int ngramRows = ngramRows(pipeline, stateDictFile);
        if (dims.vocabSize() != vocabulary.size() + ngramRows) {
            throw new ModelExchangeException(vocabSource + " holds " + vocabulary.size() + " tokens"
                    + (ngramRows > 0 ? " and the word n-grams " + ngramRows + " buckets" : "") + " but "
                    + stateDictFile + "'s embedding.weight has " + dims.vocabSize() + " rows");
        }
        if (dims.numClasses() != labels.size()) {
            throw new ModelExchangeException(labelsFile.map(Path::toString).orElse(stateDictFile + " (metadata)")
                    + " names " + labels.size() + " classes but " + stateDictFile + "'s fc.weight has "
                    + dims.numClasses() + " rows");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            if (!seen.add(labels.get(i))) {
                throw new ModelExchangeException(labelsFile.map(Path::toString).orElse(stateDictFile + " (metadata)")
                        + ": class name '" + labels.get(i) + "' repeats (class " + (i + 1) + " of " + labels.size()
                        + " and class " + (labels.indexOf(labels.get(i)) + 1) + ")");
            }
        }
        return new ImportedModel(pipeline, parameters, vocabulary, labels, sources);
    }

    /** The embedding rows the pipeline's word n-grams take after the vocabulary's. */
    private static int ngramRows(PipelineSpec pipeline, Path source) {
        try {
            return pipeline.wordNgrams().extraRows();
        } catch (IllegalArgumentException e) {
            throw new ModelExchangeException(source + ": metadata " + ModelSafetensors.PIPELINE + ": " + e.getMessage());
        }
    }

    private static SafetensorsFile readSafetensors(Path file, List<RunSetting> sources) {
        byte[] bytes = read(STATE_DICT, file, "state_dict", sources);
        String start = new String(bytes, 0, Math.min(bytes.length, TEXTCLF_MAGIC.length()), StandardCharsets.ISO_8859_1);
        if (start.equals(TEXTCLF_MAGIC) || start.equals(CHECKPOINT_MAGIC)) {
            throw new ModelExchangeException(file + ": a textclf " + (start.equals(TEXTCLF_MAGIC) ? "model file"
                    : "checkpoint") + ", not a safetensors state_dict: textclf reads it as it is");
        }
        return SafetensorsFormat.read(bytes, file.toString());
    }

    /**
     * The bytes of an input file, recorded in {@code sources} as {@code NAME} (its absolute path) and {@code NAME-md5}
     * (the MD5 of its bytes), so that a model says which files it came from.
     */
    private static byte[] read(String name, Path file, String what, List<RunSetting> sources) {
        byte[] bytes = InputFiles.bytes(file, "the " + what);
        sources.add(new RunSetting(name, file.toAbsolutePath().normalize().toString(), "import"));
        try {
            sources.add(new RunSetting(name + "-md5", HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(bytes)), "import"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
        return bytes;
    }

    private static Vocabulary vocabulary(List<String> tokens, OptionalInt defaultIndex, String source) {
        int unknown = defaultIndex.orElse(tokens.indexOf(Vocabulary.UNKNOWN));
        if (unknown < 0) {
            throw new ModelExchangeException(source + ": the vocabulary has no " + Vocabulary.UNKNOWN + " token, "
                    + "which the tutorial's vocabulary maps unknown words to");
        }
        try {
            return new Vocabulary(tokens, unknown);
        } catch (IllegalArgumentException e) {
            throw new ModelExchangeException(source + ": " + e.getMessage());
        }
    }

    private static List<String> fromMetadata(SafetensorsFile file, String key, Path source, String option) {
        String json = file.metadata().get(key);
        if (json == null) {
            throw new ModelExchangeException(source + " has no " + key + " metadata: give " + option);
        }
        try {
            if (JsonReader.parse(json) instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
                return list.stream().map(String.class::cast).toList();
            }
        } catch (IllegalArgumentException e) {
            throw new ModelExchangeException(source + ": metadata " + key + " is not valid JSON: " + e.getMessage());
        }
        throw new ModelExchangeException(source + ": metadata " + key + " must be a JSON array of strings");
    }
}
