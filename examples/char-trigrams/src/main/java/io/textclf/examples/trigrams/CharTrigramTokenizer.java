package io.textclf.examples.trigrams;

import io.textclf.domain.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Character trigrams of each word, as fastText's subword features: a word is lower-cased, wrapped in
 * {@code <} and {@code >}, and cut into every run of three characters ({@code "cat"} gives {@code <ca},
 * {@code cat}, {@code at>}). Words are split on anything that is not a letter or digit. Stateless and
 * thread-safe.
 */
public final class CharTrigramTokenizer implements Tokenizer {

    @Override
    public List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.isEmpty()) {
                continue;
            }
            String padded = "<" + word + ">";
            int[] points = padded.codePoints().toArray();
            for (int i = 0; i + 3 <= points.length; i++) {
                tokens.add(new String(points, i, 3));
            }
        }
        return tokens;
    }
}
