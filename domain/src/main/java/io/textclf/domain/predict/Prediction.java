package io.textclf.domain.predict;

import java.util.List;

/**
 * The classes of one text, most probable first (ties by class index).
 *
 * @param labels at least one entry; probabilities descending
 */
public record Prediction(List<ScoredLabel> labels) {

    public Prediction {
        labels = List.copyOf(labels);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a prediction needs at least one label");
        }
    }

    public ScoredLabel top() {
        return labels.get(0);
    }
}
