package io.textclf.domain.text;

import java.util.Map;

/**
 * Service provider interface of a tokenizer: a tokenizer module implements it and lists the
 * implementation in {@code META-INF/services/io.textclf.domain.text.TokenizerFactory}, and
 * {@link Tokenizers} finds it with {@link java.util.ServiceLoader}, on the class path or in a plug-in jar.
 * Implementations have a public no-argument constructor.
 */
public interface TokenizerFactory {

    /** The name model files record and users choose by (e.g. {@code basic_english}); unique among tokenizers. */
    String name();

    /** One line saying what the tokenizer does, for listings. */
    String description();

    /**
     * The tokenizer with {@code settings}.
     *
     * @throws IllegalArgumentException naming the setting when one is unknown or has a bad value
     */
    Tokenizer create(Map<String, String> settings);
}
