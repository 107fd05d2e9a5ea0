package io.textclf.domain.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.OptimizerSpec;
import org.junit.jupiter.api.Test;

/**
 * The reference model hands its own arrays over at the end of a run: it closes first, so nothing can change
 * the parameters it gave away.
 */
class TakeParametersTest {

    private static final ModelDims DIMS = new ModelDims(20, 8, 3);

    @Test
    void theModelIsClosedAndTheParametersCannotChangeAfterwards() {
        StateDict initial = new UniformInitializer(0.5, 4).initialize(DIMS);
        ReferenceBackend backend = new ReferenceBackend();
        TrainableModel model = backend.trainable(initial);
        TokenBatch batch = TokenBatch.of(new int[] {1, 2, 3}, new int[] {4, 4});
        model.backward(new CrossEntropyLoss().compute(model.forward(batch), new int[] {0, 2}, 3).logitGradient());
        backend.optimizer(new OptimizerSpec.Sgd(), model).step(1.0);
        StateDict trained = model.stateDict();
        StateDict taken = model.takeParameters();
        assertEquals(trained, taken);
        assertThrows(IllegalStateException.class, () -> model.forward(batch));
        assertThrows(IllegalStateException.class, () -> model.load(initial));
        model.close();
        assertEquals(trained, taken);
    }
}
