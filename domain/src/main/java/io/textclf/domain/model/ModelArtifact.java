package io.textclf.domain.model;

import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.train.TrainingSettings;
import java.util.List;

/**
 * Everything a model file holds: enough to predict on raw text, and how the model was made.
 *
 * @param pipeline   how raw text becomes tokens: the tokenizer, its settings and the features
 * @param vocabulary token-to-index mapping; the embedding has its rows, then the pipeline's word n-gram buckets
 * @param labels     class names in index order; as many as the model's classes
 * @param parameters weights by PyTorch {@code state_dict} name
 * @param settings   the hyperparameters of the run
 * @param metrics    measurements of the run
 * @param provenance data, backend, versions and time
 */
public record ModelArtifact(PipelineSpec pipeline, Vocabulary vocabulary, List<String> labels, StateDict parameters,
                            TrainingSettings settings, ModelMetrics metrics, Provenance provenance) {

    /**
     * Checks that {@code labels} name the classes of {@code parameters}, one each.
     *
     * @throws IllegalArgumentException "fc.weight has C rows but there are N labels"
     */
    public static void requireLabelsFit(StateDict parameters, List<String> labels) {
        if (parameters.dims().numClasses() != labels.size()) {
            throw new IllegalArgumentException("fc.weight has " + parameters.dims().numClasses() + " rows but there are "
                    + labels.size() + " labels");
        }
    }

    /** Checks that the vocabulary, labels and parameters agree in size, and that each class has a name of its own. */
    public ModelArtifact {
        java.util.Objects.requireNonNull(pipeline, "pipeline");
        labels = List.copyOf(labels);
        ModelDims dims = parameters.dims();
        int ngramRows = knownNgramRows(pipeline);
        if (ngramRows >= 0 && dims.vocabSize() != vocabulary.size() + ngramRows) {
            throw new IllegalArgumentException("embedding.weight has " + dims.vocabSize()
                    + " rows but the vocabulary " + vocabulary.size() + " tokens"
                    + (ngramRows > 0 ? " and the word n-grams " + ngramRows + " buckets" : ""));
        }
        requireLabelsFit(parameters, labels);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int c = 0; c < labels.size(); c++) {
            String label = labels.get(c);
            if (label.isBlank() || label.chars().anyMatch(ch -> ch == '\n' || ch == '\r')) {
                throw new IllegalArgumentException("label " + c + " " + (label.isBlank() ? "is empty"
                        : "holds a line break") + ": a class name is one line of text");
            }
            if (!seen.add(label)) {
                throw new IllegalArgumentException("label " + c + " '" + label + "' repeats label "
                        + labels.indexOf(label) + ": every class has a name of its own");
            }
        }
    }

    /**
     * The embedding rows of the pipeline's word n-grams, or -1 when its features are not all n-gram
     * settings: such a model cannot be used here (the tokenizer registry refuses its pipeline, naming
     * the feature), but it can still be read and written.
     */
    private static int knownNgramRows(PipelineSpec pipeline) {
        try {
            return pipeline.wordNgrams().extraRows();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
