package io.textclf.domain.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.OptimizerSpec;
import org.junit.jupiter.api.Test;

/**
 * Batches touching more embedding rows than the gradient buffers first hold (real batches touch
 * thousands): every token of one document gets the same gradient, so after one SGD step every row of
 * that document has moved by the same vector, and rows outside it not at all.
 */
class ManyDistinctTokensTest {

    @Test
    void everyRowOfADocumentMovesByTheSameVector() {
        int vocab = 3000;
        int dim = 8;
        StateDict initial = new UniformInitializer(0.5, 11).initialize(new ModelDims(vocab, dim, 3));
        int[] document = new int[2000];
        for (int i = 0; i < document.length; i++) {
            document[i] = i + 500;
        }
        ReferenceBackend backend = new ReferenceBackend();
        try (TrainableModel model = backend.trainable(initial)) {
            float[] logits = model.forward(TokenBatch.of(document, new int[] {7}));
            model.backward(new CrossEntropyLoss().compute(logits, new int[] {2, 0}, 3).logitGradient());
            backend.optimizer(new OptimizerSpec.Sgd(), model).step(1.0);
            float[] before = initial.get(StateDict.EMBEDDING_WEIGHT).values();
            float[] after = model.stateDict().get(StateDict.EMBEDDING_WEIGHT).values();
            float[] firstDelta = new float[dim];
            for (int k = 0; k < dim; k++) {
                firstDelta[k] = after[500 * dim + k] - before[500 * dim + k];
            }
            for (int row = 0; row < vocab; row++) {
                boolean inDocument = row >= 500 && row < 2500;
                for (int k = 0; k < dim; k++) {
                    float delta = after[row * dim + k] - before[row * dim + k];
                    if (inDocument) {
                        assertEquals(firstDelta[k], delta, 1e-6, "row " + row + ", column " + k);
                    } else if (row != 7) {
                        assertEquals(0f, delta, "row " + row + " is in no document");
                    }
                }
            }
        }
    }
}
