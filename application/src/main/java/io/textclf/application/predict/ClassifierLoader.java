package io.textclf.application.predict;

import com.google.inject.Inject;
import io.textclf.application.backend.BackendRegistry;
import io.textclf.application.plugin.Plugins;
import io.textclf.modelformat.ModelFileStore;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.predict.TextClassifier;
import io.textclf.domain.text.Tokenizer;
import io.textclf.domain.text.Tokenizers;
import io.textclf.domain.text.UnknownTokenizerException;
import java.nio.file.Path;

/** Loads a model file onto a compute backend with the tokenizer it names, ready to classify raw text. */
public final class ClassifierLoader {

    private final ModelFileStore store;
    private final BackendRegistry backends;
    private final Tokenizers tokenizers;

    @Inject
    ClassifierLoader(ModelFileStore store, BackendRegistry backends, Tokenizers tokenizers) {
        this.store = store;
        this.backends = backends;
        this.tokenizers = tokenizers;
    }

    /**
     * @throws UnknownTokenizerException naming the file and the tokenizer it needs when none here has that name
     */
    public LoadedClassifier load(Path modelFile, String backend) {
        return open(read(modelFile), modelFile, backend);
    }

    /** Reads and checks a model file (its checksum included) without placing it on a backend. */
    public ModelArtifact read(Path modelFile) {
        return store.load(modelFile);
    }

    /**
     * Puts an artifact read from {@code modelFile} onto {@code backend}.
     *
     * @throws UnknownTokenizerException naming the file and the tokenizer it needs when none here has that name
     */
    public LoadedClassifier open(ModelArtifact artifact, Path modelFile, String backend) {
        return open(artifact, tokenizerOf(tokenizers, artifact, modelFile), backend);
    }

    /**
     * The tokenizer that the pipeline of {@code artifact}, read from {@code modelFile}, names.
     *
     * @throws UnknownTokenizerException naming the file and the tokenizer it needs when none here has that name
     */
    public static Tokenizer tokenizerOf(Tokenizers tokenizers, ModelArtifact artifact, Path modelFile) {
        try {
            return tokenizers.create(artifact.pipeline());
        } catch (UnknownTokenizerException e) {
            throw new UnknownTokenizerException(modelFile + ": " + e.getMessage()
                    + (e.nameUnknown() ? "; if it comes from a plug-in, " + Plugins.howToAdd() : ""), e.nameUnknown());
        }
    }

    /**
     * Puts an artifact already in memory onto {@code backend}, with the tokenizer its pipeline names.
     *
     * @throws UnknownTokenizerException naming the tokenizer when none here has its name
     */
    public LoadedClassifier open(ModelArtifact artifact, String backend) {
        return open(artifact, tokenizers.create(artifact.pipeline()), backend);
    }

    private LoadedClassifier open(ModelArtifact artifact, Tokenizer tokenizer, String backend) {
        return new LoadedClassifier(artifact, new TextClassifier(tokenizer, artifact.pipeline().wordNgrams(),
                artifact.vocabulary(), artifact.labels(), backends.get(backend).inference(artifact.parameters())));
    }
}
