package io.textclf.domain.model;

import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.train.TrainingSettings;
import java.util.List;

/**
 * Everything a model file holds: enough to predict on raw text, and how the model was made.
 *
 * @param pipeline   how raw text becomes tokens: the tokenizer, its settings and the features
 * @param vocabulary token-to-index mapping; its size is the embedding's row count
 * @param labels     class names in index order; as many as the model's classes
 * @param parameters weights by PyTorch {@code state_dict} name
 * @param settings   the hyperparameters of the run
 * @param metrics    measurements of the run
 * @param provenance data, backend, versions and time
 */
public record ModelArtifact(PipelineSpec pipeline, Vocabulary vocabulary, List<String> labels, StateDict parameters,
                            TrainingSettings settings, ModelMetrics metrics, Provenance provenance) {

    public ModelArtifact {
        java.util.Objects.requireNonNull(pipeline, "pipeline");
        labels = List.copyOf(labels);
        ModelDims dims = parameters.dims();
        if (dims.vocabSize() != vocabulary.size()) {
            throw new IllegalArgumentException("embedding.weight has " + dims.vocabSize()
                    + " rows but the vocabulary " + vocabulary.size() + " tokens");
        }
        if (dims.numClasses() != labels.size()) {
            throw new IllegalArgumentException("fc.weight has " + dims.numClasses() + " rows but there are "
                    + labels.size() + " labels");
        }
    }
}
