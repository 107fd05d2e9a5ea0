package io.textclf.modelexchange;

import io.textclf.domain.text.PipelineSpec;
import io.textclf.modelexchange.json.JsonWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A text pipeline as the exported files' metadata hold it under {@link #KEY}: a JSON object with {@code tokenizer},
 * {@code tokenizer_settings} and {@code features} (the word n-grams: {@code word_ngrams}, {@code buckets}), so that a
 * file says how its token ids are made even without the files beside it.
 */
public final class PipelineMetadata {

    /** The metadata key, in safetensors headers and ONNX {@code metadata_props} alike. */
    public static final String KEY = "textclf.pipeline";

    private PipelineMetadata() {
    }

    /** {@code pipeline} as the metadata value. */
    public static String json(PipelineSpec pipeline) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("tokenizer", pipeline.tokenizer());
        spec.put("tokenizer_settings", pipeline.tokenizerSettings());
        spec.put("features", pipeline.features());
        return JsonWriter.write(spec);
    }
}
