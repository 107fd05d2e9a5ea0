package io.textclf.domain.text;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a model turns raw text into what its vocabulary indexes, as its model file records it: the
 * tokenizer's name and settings, and the settings of the features computed from the tokens.
 * Every value is a string; keys are kept sorted, so equal pipelines write equal files.
 *
 * @param tokenizer         the tokenizer's name, as its {@link TokenizerFactory} gives it, e.g. {@code basic_english}
 * @param tokenizerSettings the tokenizer's settings; empty for {@code basic_english}
 * @param features          feature settings applied after tokenizing (such as word n-grams); empty: the tokens
 *                          themselves, as the tutorial does
 */
public record PipelineSpec(String tokenizer, Map<String, String> tokenizerSettings, Map<String, String> features) {

    /** The tutorial's tokenizer, the default of every run that names none. */
    public static final String DEFAULT_TOKENIZER = BasicEnglishTokenizer.NAME;

    public PipelineSpec {
        Objects.requireNonNull(tokenizer, "tokenizer");
        if (tokenizer.isBlank()) {
            throw new IllegalArgumentException("a pipeline names its tokenizer");
        }
        tokenizerSettings = sorted(tokenizerSettings);
        features = sorted(features);
    }

    /** The tutorial's pipeline: {@code basic_english} tokens, no settings, no features. */
    public static PipelineSpec tutorial() {
        return tokenizer(DEFAULT_TOKENIZER);
    }

    /** The tokenizer {@code name} without settings, and no features. */
    public static PipelineSpec tokenizer(String name) {
        return new PipelineSpec(name, Map.of(), Map.of());
    }

    /**
     * The word n-grams of the features (fastText's hashed n-grams), {@link WordNgrams#NONE} without.
     *
     * @throws IllegalArgumentException for feature settings that are not n-gram settings, or bad values
     */
    public WordNgrams wordNgrams() {
        return WordNgrams.fromFeatures(features);
    }

    /** This pipeline with the features of {@code ngrams} (none for {@link WordNgrams#NONE}). */
    public PipelineSpec withWordNgrams(WordNgrams ngrams) {
        return new PipelineSpec(tokenizer, tokenizerSettings, ngrams.features());
    }

    /** One line for people: the tokenizer's name, then its settings and the features, if any. */
    public String describe() {
        StringBuilder line = new StringBuilder(tokenizer);
        if (!tokenizerSettings.isEmpty()) {
            line.append(' ').append(tokenizerSettings);
        }
        if (!features.isEmpty()) {
            line.append(", features ").append(features);
        }
        return line.toString();
    }

    private static Map<String, String> sorted(Map<String, String> settings) {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(settings, "settings")));
    }
}
