package io.textclf.domain.predict;

import java.util.List;

/**
 * The classes of one text, most probable first (ties by class index), and how much of the text the model knew.
 *
 * @param labels     at least one entry; probabilities descending
 * @param words      the text's words (its tokens; word n-grams are not counted), at least 0
 * @param knownWords those of them in the model's vocabulary, from 0 to {@code words}. With none the prediction
 *                   rests on the unknown-word row ({@code <unk>}) and, in a model with word n-grams, on the
 *                   hashed n-grams of unknown words; for a text without words on the output layer's bias alone.
 */
public record Prediction(List<ScoredLabel> labels, int words, int knownWords) {

    public Prediction {
        labels = List.copyOf(labels);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a prediction needs at least one label");
        }
        if (words < 0 || knownWords < 0 || knownWords > words) {
            throw new IllegalArgumentException("known words must be in [0, words], got " + knownWords + " of "
                    + words);
        }
    }

    public ScoredLabel top() {
        return labels.get(0);
    }

    /** Whether no word of the text is in the vocabulary, so that the prediction rests on little of the text. */
    public boolean noKnownWords() {
        return knownWords == 0;
    }
}
