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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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

    private PyTorchImport() {
    }

    /** @throws ModelExchangeException when a file is missing, malformed, or does not fit the others, saying which */
    public static ImportedModel read(Path stateDictFile, Optional<Path> itosFile, Optional<Path> labelsFile) {
        SafetensorsFile safetensors = readSafetensors(stateDictFile);
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
        List<RunSetting> sources = new ArrayList<>();
        sources.add(new RunSetting(STATE_DICT, stateDictFile.toString(), "import"));
        List<String> tokens = itosFile.map(f -> {
            sources.add(new RunSetting(VOCAB, f.toString(), "import"));
            return LineFiles.read(f, "the vocabulary");
        }).orElseGet(() -> fromMetadata(safetensors, ModelSafetensors.VOCABULARY, stateDictFile, "--vocab"));
        List<String> labels = labelsFile.map(f -> {
            sources.add(new RunSetting(LABELS, f.toString(), "import"));
            return LineFiles.read(f, "the class names");
        }).orElseGet(() -> fromMetadata(safetensors, ModelSafetensors.LABELS, stateDictFile, "--labels"));
        String vocabSource = itosFile.map(Path::toString).orElse(stateDictFile + " (metadata)");
        Vocabulary vocabulary = vocabulary(tokens, vocabSource);
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

    private static SafetensorsFile readSafetensors(Path file) {
        return SafetensorsFormat.read(InputFiles.bytes(file, "the state_dict"), file.toString());
    }

    private static Vocabulary vocabulary(List<String> tokens, String source) {
        int unknown = tokens.indexOf(Vocabulary.UNKNOWN);
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
