package io.textclf.modelexchange.safetensors;

import io.textclf.domain.model.StateDict;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.text.Vocabulary;
import io.textclf.modelexchange.ModelExchangeException;
import io.textclf.modelexchange.PipelineMetadata;
import io.textclf.modelexchange.json.JsonReader;
import io.textclf.modelexchange.json.JsonWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A textclf model as a safetensors file that the tutorial's PyTorch code loads with
 * {@code model.load_state_dict(safetensors.torch.load_file(path))}: the parameters under their
 * {@code state_dict} names, and in {@code __metadata__} what PyTorch's state dict lacks (the vocabulary in
 * index order, the unknown token's index, the labels, the text pipeline), each a string as the format demands.
 */
public final class ModelSafetensors {

    /** safetensors.torch writes {@code format: pt}; other loaders look for it. */
    public static final String FORMAT = "format";
    public static final String TOKENIZER = "textclf.tokenizer";
    /** The whole text pipeline as JSON: {@code tokenizer}, {@code tokenizer_settings}, {@code features}. */
    public static final String PIPELINE = PipelineMetadata.KEY;
    /** The vocabulary as a JSON array of tokens in index order (torchtext's {@code get_itos()}). */
    public static final String VOCABULARY = "textclf.vocabulary";
    public static final String DEFAULT_INDEX = "textclf.default_index";
    /** The class names as a JSON array in index order. */
    public static final String LABELS = "textclf.labels";

    private ModelSafetensors() {
    }

    public static SafetensorsFile of(StateDict parameters, Vocabulary vocabulary, List<String> labels,
                                     PipelineSpec pipeline) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(FORMAT, "pt");
        metadata.put(TOKENIZER, pipeline.tokenizer());
        metadata.put(PIPELINE, PipelineMetadata.json(pipeline));
        metadata.put(VOCABULARY, JsonWriter.write(vocabulary.tokens()));
        metadata.put(DEFAULT_INDEX, Integer.toString(vocabulary.defaultIndex()));
        metadata.put(LABELS, JsonWriter.write(labels));
        return new SafetensorsFile(parameters.tensors(), metadata);
    }

    /**
     * The text pipeline {@link #of} recorded; the tutorial's when the file has none (a state dict saved by PyTorch).
     *
     * @param source names the file in error messages
     */
    public static PipelineSpec pipeline(SafetensorsFile file, String source) {
        String json = file.metadata().get(PIPELINE);
        String tokenizerName = file.metadata().get(TOKENIZER);
        if (json == null) {
            return tokenizerName == null ? PipelineSpec.tutorial() : PipelineSpec.tokenizer(tokenizerName);
        }
        PipelineSpec pipeline;
        try {
            if (!(JsonReader.parse(json) instanceof Map<?, ?> spec && spec.get("tokenizer") instanceof String tokenizer)) {
                throw new ModelExchangeException(source + ": metadata " + PIPELINE
                        + " must be an object naming its tokenizer");
            }
            pipeline = new PipelineSpec(tokenizer, strings(spec.get("tokenizer_settings")), strings(spec.get("features")));
        } catch (IllegalArgumentException e) {
            throw new ModelExchangeException(source + ": metadata " + PIPELINE + " is not a text pipeline: "
                    + e.getMessage());
        }
        if (tokenizerName != null && !tokenizerName.equals(pipeline.tokenizer())) {
            throw new ModelExchangeException(source + ": metadata " + TOKENIZER + " names '" + tokenizerName + "' but "
                    + PIPELINE + " names '" + pipeline.tokenizer() + "': which tokenizer made the vocabulary?");
        }
        return pipeline;
    }

    /**
     * The index unknown tokens go to, from {@link #DEFAULT_INDEX}, when the file has one.
     *
     * @param tokens how many tokens the vocabulary it goes with has
     * @throws ModelExchangeException when it is not an index of that vocabulary
     */
    public static OptionalInt defaultIndex(SafetensorsFile file, int tokens, String source) {
        String value = file.metadata().get(DEFAULT_INDEX);
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            int index = Integer.parseInt(value.strip());
            if (index >= 0 && index < tokens) {
                return OptionalInt.of(index);
            }
        } catch (NumberFormatException e) {
            // refused below, as an index out of range is
        }
        throw new ModelExchangeException(source + ": metadata " + DEFAULT_INDEX + " is '" + value
                + "', expected the index of the vocabulary's token for unknown words, 0 to " + (tokens - 1));
    }

    private static Map<String, String> strings(Object value) {
        Map<String, String> strings = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getValue() instanceof String s)) {
                    throw new IllegalArgumentException("setting " + entry.getKey() + " is not a string");
                }
                strings.put((String) entry.getKey(), s);
            }
        } else if (value != null) {
            throw new IllegalArgumentException("settings must be an object of strings");
        }
        return strings;
    }
}
