package io.textclf.domain.data;

import java.util.List;

/**
 * Labelled documents with the names of their classes.
 *
 * @param labelNames class names; {@code labelNames.get(i)} names label {@code i}
 * @param examples   documents whose labels are all in {@code [0, labelNames.size())}
 */
public record LabeledCorpus(List<String> labelNames, List<Example> examples) {

    /** Copies the lists. */
    public LabeledCorpus {
        labelNames = List.copyOf(labelNames);
        examples = List.copyOf(examples);
        for (int i = 0; i < examples.size(); i++) {
            if (examples.get(i).label() >= labelNames.size()) {
                throw new IllegalArgumentException("example " + i + " has label " + examples.get(i).label()
                        + " but there are only " + labelNames.size() + " classes");
            }
        }
    }

    /** Number of examples. */
    public int size() {
        return examples.size();
    }
}
