package io.textclf.domain.model;

import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.text.WordNgrams;
import io.textclf.domain.train.TrainingSettings;
import java.util.List;

/**
 * Everything a model file holds: enough to predict on raw text, and how the model was made.
 *
 * @param tokenizer  tokenizer name, e.g. {@code basic_english}
 * @param ngrams     the word n-grams added to the tokens (fastText's hashing), {@link WordNgrams#NONE} for words only
 * @param vocabulary token-to-index mapping; the embedding has its rows, then the n-grams' buckets
 * @param labels     class names in index order; as many as the model's classes
 * @param parameters weights by PyTorch {@code state_dict} name
 * @param settings   the hyperparameters of the run
 * @param metrics    measurements of the run
 * @param provenance data, backend, versions and time
 */
public record ModelArtifact(String tokenizer, WordNgrams ngrams, Vocabulary vocabulary, List<String> labels,
                            StateDict parameters, TrainingSettings settings, ModelMetrics metrics,
                            Provenance provenance) {

    public ModelArtifact {
        labels = List.copyOf(labels);
        ModelDims dims = parameters.dims();
        if (dims.vocabSize() != vocabulary.size() + ngrams.extraRows()) {
            throw new IllegalArgumentException("embedding.weight has " + dims.vocabSize()
                    + " rows but the vocabulary " + vocabulary.size() + " tokens"
                    + (ngrams.enabled() ? " and the word n-grams " + ngrams.buckets() + " buckets" : ""));
        }
        if (dims.numClasses() != labels.size()) {
            throw new IllegalArgumentException("fc.weight has " + dims.numClasses() + " rows but there are "
                    + labels.size() + " labels");
        }
    }

    /** A model of words only. */
    public ModelArtifact(String tokenizer, Vocabulary vocabulary, List<String> labels, StateDict parameters,
                         TrainingSettings settings, ModelMetrics metrics, Provenance provenance) {
        this(tokenizer, WordNgrams.NONE, vocabulary, labels, parameters, settings, metrics, provenance);
    }
}
