package io.textclf.modelformat;

import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.train.TrainingState;
import java.util.Objects;

/**
 * A training checkpoint: the model so far (vocabulary, labels, settings, provenance, the completed
 * epochs) and the training state to continue from.
 *
 * @param model   the model as it stands; its parameters are {@code state.parameters()}
 * @param state   where training stands
 * @param dataset the dataset the run trains on, as given (a folder or a name)
 */
public record Checkpoint(ModelArtifact model, TrainingState state, String dataset) {

    public Checkpoint {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(dataset, "dataset");
        if (model.parameters() != state.parameters() && !model.parameters().equals(state.parameters())) {
            throw new IllegalArgumentException("a checkpoint's model holds the state's parameters");
        }
    }
}
