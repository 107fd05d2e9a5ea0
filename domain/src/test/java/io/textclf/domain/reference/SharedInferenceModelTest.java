package io.textclf.domain.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.textclf.domain.model.Model;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.train.OptimizerSpec;
import org.junit.jupiter.api.Test;

/**
 * The reference backend's inference model reads the parameters it is given instead of copying them (a
 * served model is held once, not twice), gives the training model's logits, and refuses to change them.
 */
class SharedInferenceModelTest {

    private static final ModelDims DIMS = new ModelDims(30, 16, 5);
    private static final TokenBatch BATCH = TokenBatch.of(new int[] {1, 2, 3, 29, 0, 7, 7, 12}, new int[] {0, 3, 3, 5,
            6, 6});

    @Test
    void readsTheVeryArraysOfTheParametersAndGivesTheTrainingModelsLogits() {
        StateDict parameters = new UniformInitializer(0.5, 8).initialize(DIMS);
        ReferenceBackend backend = new ReferenceBackend();
        try (Model inference = backend.inference(parameters);
             TrainableModel trainable = backend.trainable(parameters)) {
            ReferenceModel shared = (ReferenceModel) inference;
            assertSame(parameters.get(StateDict.EMBEDDING_WEIGHT).sharedValues(), shared.embeddingValues());
            assertSame(parameters.get(StateDict.FC_WEIGHT).sharedValues(), shared.fcWeightValues());
            assertSame(parameters.get(StateDict.FC_BIAS).sharedValues(), shared.fcBiasValues());
            assertArrayEquals(trainable.logits(BATCH), inference.logits(BATCH));
        }
    }

    @Test
    void refusesEveryCallThatWouldWriteTheSharedParameters() {
        StateDict parameters = new UniformInitializer(0.5, 9).initialize(DIMS);
        StateDict before = new UniformInitializer(0.5, 9).initialize(DIMS);
        TrainableModel cast = (TrainableModel) new ReferenceBackend().inference(parameters);
        assertThrows(IllegalStateException.class, () -> cast.forward(BATCH));
        assertThrows(IllegalStateException.class, () -> cast.load(new UniformInitializer(0.5, 1).initialize(DIMS)));
        ReferenceBackend backend = new ReferenceBackend();
        assertThrows(IllegalArgumentException.class, () -> backend.optimizer(new OptimizerSpec.Sgd(), cast));
        assertThrows(IllegalArgumentException.class,
                () -> backend.optimizer(new OptimizerSpec.SgdMomentum(0.9, 0, 0, false), cast));
        assertThrows(IllegalArgumentException.class, () -> backend.sharingParameters(cast, 2));
        assertEquals(before, parameters);
    }
}
