package io.textclf.application.predict;

import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.predict.TextClassifier;

/**
 * A model file loaded for prediction on some backend. Closing it frees the backend's memory.
 *
 * @param artifact   what the file holds
 * @param classifier raw text to probabilities
 */
public record LoadedClassifier(ModelArtifact artifact, TextClassifier classifier) implements AutoCloseable {

    @Override
    public void close() {
        classifier.close();
    }
}
