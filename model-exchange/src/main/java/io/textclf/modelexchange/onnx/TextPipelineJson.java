package io.textclf.modelexchange.onnx;

import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.text.Vocabulary;
import io.textclf.modelexchange.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The side file of an ONNX export: what turns raw text into the graph's inputs, so that any language can
 * feed the graph exactly as textclf does. Tokenize with the named tokenizer and its settings
 * (docs/model-format.md spells out {@code basic_english}, the tutorial's, which has none), compute the
 * {@code features} if there are any (empty: the tokens themselves, as the tutorial does), map each token to its index in {@code vocabulary.tokens} or to
 * {@code vocabulary.default_index} when absent, concatenate the documents' ids into {@code token_ids} and
 * record where each starts in {@code offsets}; {@code labels} names the probabilities' columns.
 */
public final class TextPipelineJson {

    public static final String FORMAT = "textclf-text-pipeline";
    public static final int FORMAT_VERSION = 1;

    private TextPipelineJson() {
    }

    /** A JSON object whose first member is the {@code format} of these, as {@link #of} writes it. */
    private static final Pattern START = Pattern.compile("\\A\\s*\\{\\s*\"format\"\\s*:\\s*\"" + FORMAT + '"');

    /** Whether a file that begins with {@code head} is one of these: a JSON object that opens with their {@code format}. */
    public static boolean startsLikeOne(byte[] head) {
        return START.matcher(new String(head, StandardCharsets.UTF_8)).lookingAt();
    }

    public static String of(PipelineSpec pipeline, Vocabulary vocabulary, List<String> labels) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("format_version", FORMAT_VERSION);
        Map<String, Object> tokenizer = new LinkedHashMap<>();
        tokenizer.put("name", pipeline.tokenizer());
        tokenizer.put("settings", pipeline.tokenizerSettings());
        json.put("tokenizer", tokenizer);
        json.put("features", pipeline.features());
        Map<String, Object> vocab = new LinkedHashMap<>();
        vocab.put("default_index", vocabulary.defaultIndex());
        vocab.put("tokens", vocabulary.tokens());
        json.put("vocabulary", vocab);
        json.put("labels", labels);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put(OnnxExport.TOKEN_IDS, "int64 [tokens]: every document's token ids, concatenated");
        inputs.put(OnnxExport.OFFSETS, "int64 [documents]: where each document starts in token_ids (0 first)");
        json.put("inputs", inputs);
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put(OnnxExport.PROBABILITIES, "float [documents, labels]: softmax of the logits");
        outputs.put(OnnxExport.LOGITS, "float [documents, labels]");
        json.put("outputs", outputs);
        return JsonWriter.write(json) + "\n";
    }
}
