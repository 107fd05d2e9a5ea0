package io.textclf.application.predict;

import com.google.inject.Inject;
import io.textclf.application.backend.BackendRegistry;
import io.textclf.application.modelfile.ModelFileStore;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.predict.TextClassifier;
import io.textclf.domain.text.Tokenizer;
import java.nio.file.Path;

/** Loads a model file onto a compute backend, ready to classify raw text. */
public final class ClassifierLoader {

    private final ModelFileStore store;
    private final BackendRegistry backends;
    private final Tokenizer tokenizer;

    @Inject
    ClassifierLoader(ModelFileStore store, BackendRegistry backends, Tokenizer tokenizer) {
        this.store = store;
        this.backends = backends;
        this.tokenizer = tokenizer;
    }

    public LoadedClassifier load(Path modelFile, String backend) {
        return open(read(modelFile), backend);
    }

    /** Reads and checks a model file (its checksum included) without placing it on a backend. */
    public ModelArtifact read(Path modelFile) {
        return store.load(modelFile);
    }

    /** Puts an artifact already in memory onto {@code backend}. */
    public LoadedClassifier open(ModelArtifact artifact, String backend) {
        TextClassifier classifier = new TextClassifier(tokenizer, artifact.vocabulary(), artifact.labels(),
                backends.get(backend).inference(artifact.parameters()));
        return new LoadedClassifier(artifact, classifier);
    }
}
