package io.textclf.modelexchange.safetensors;

import io.textclf.domain.model.StateDict;
import io.textclf.domain.text.Vocabulary;
import io.textclf.modelexchange.json.JsonWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A textclf model as a safetensors file that the tutorial's PyTorch code loads with
 * {@code model.load_state_dict(safetensors.torch.load_file(path))}: the parameters under their
 * {@code state_dict} names, and in {@code __metadata__} what PyTorch's state dict lacks (the vocabulary in
 * index order, the unknown token's index, the labels, the tokenizer), each a string as the format demands.
 */
public final class ModelSafetensors {

    /** safetensors.torch writes {@code format: pt}; other loaders look for it. */
    public static final String FORMAT = "format";
    public static final String TOKENIZER = "textclf.tokenizer";
    /** The vocabulary as a JSON array of tokens in index order (torchtext's {@code get_itos()}). */
    public static final String VOCABULARY = "textclf.vocabulary";
    public static final String DEFAULT_INDEX = "textclf.default_index";
    /** The class names as a JSON array in index order. */
    public static final String LABELS = "textclf.labels";

    private ModelSafetensors() {
    }

    public static SafetensorsFile of(StateDict parameters, Vocabulary vocabulary, List<String> labels, String tokenizer) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(FORMAT, "pt");
        metadata.put(TOKENIZER, tokenizer);
        metadata.put(VOCABULARY, JsonWriter.write(vocabulary.tokens()));
        metadata.put(DEFAULT_INDEX, Integer.toString(vocabulary.defaultIndex()));
        metadata.put(LABELS, JsonWriter.write(labels));
        return new SafetensorsFile(parameters.tensors(), metadata);
    }
}
