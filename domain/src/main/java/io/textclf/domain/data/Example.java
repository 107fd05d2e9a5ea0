package io.textclf.domain.data;

import java.util.Objects;

/**
 * One labelled document.
 *
 * @param label class index, starting at 0
 * @param text  the raw text (for AG News: title, a space, description)
 */
public record Example(int label, String text) {

    /** Checks the text is there and the label not negative. */
    public Example {
        Objects.requireNonNull(text, "text");
        if (label < 0) {
            throw new IllegalArgumentException("label must be >= 0, was " + label);
        }
    }
}
