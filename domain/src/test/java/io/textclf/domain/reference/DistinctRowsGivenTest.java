package io.textclf.domain.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.textclf.domain.model.DistinctRows;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.GradientClipping;
import io.textclf.domain.train.Optimizer;
import io.textclf.domain.train.OptimizerSpec;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A training loop may find a batch's distinct rows beforehand on another thread: the reference model
 * then trains to the same bits as when it finds them itself, with every optimizer (the lazy ones ask
 * for the slot of a row), and when the two ways alternate.
 */
class DistinctRowsGivenTest {

    private static final int VOCAB = 400;
    private static final int DIM = 16;
    private static final int CLASSES = 5;

    @Test
    void sameParametersWhetherTheRowsAreGivenOrFound() {
        for (OptimizerSpec optimizer : List.of(new OptimizerSpec.Sgd(),
                new OptimizerSpec.SgdMomentum(0.9, 0, 0.01, true), OptimizerSpec.Adagrad.defaults(),
                OptimizerSpec.Adam.defaults())) {
            float[] found = train(optimizer, step -> false);
            assertArrayEquals(found, train(optimizer, step -> true), optimizer.describe() + ", rows always given");
            assertArrayEquals(found, train(optimizer, step -> step % 3 != 1), optimizer.describe() + ", alternating");
        }
    }

    @Test
    void rowsOfAnotherBatchAreRefused() {
        StateDict initial = new UniformInitializer(0.5, 1).initialize(new ModelDims(VOCAB, DIM, CLASSES));
        try (TrainableModel model = new ReferenceBackend().trainable(initial)) {
            DistinctRows other = new DistinctRows.Finder(VOCAB).find(new int[] {1, 2});
            assertThrows(IllegalArgumentException.class, () -> model.forward(TokenBatch.of(new int[] {1, 2, 3}), other));
        }
    }

    private interface GivenAt {
        boolean given(int step);
    }

    /** All parameters, flattened, after 30 steps on random batches with the tutorial's clipping. */
    private static float[] train(OptimizerSpec spec, GivenAt givenAt) {
        StateDict initial = new UniformInitializer(0.5, 7).initialize(new ModelDims(VOCAB, DIM, CLASSES));
        ReferenceBackend backend = new ReferenceBackend();
        DistinctRows.Finder finder = new DistinctRows.Finder(VOCAB);
        Random random = new Random(5);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        try (TrainableModel model = backend.trainable(initial)) {
            Optimizer optimizer = backend.optimizer(spec, model);
            for (int step = 0; step < 30; step++) {
                int[][] documents = new int[8][];
                int[] labels = new int[documents.length];
                for (int d = 0; d < documents.length; d++) {
                    // a small vocabulary and long documents: rows repeat within and across documents
                    documents[d] = random.ints(random.nextInt(40), 0, step < 15 ? VOCAB : 60).toArray();
                    labels[d] = random.nextInt(CLASSES);
                }
                TokenBatch batch = TokenBatch.of(documents);
                float[] logits = givenAt.given(step) ? model.forward(batch, finder.find(batch.tokenIds()))
                        : model.forward(batch);
                model.backward(loss.compute(logits, labels, CLASSES).logitGradient());
                GradientClipping.clip(model, 0.1);
                optimizer.step(0.5);
            }
            StateDict trained = model.stateDict();
            float[] embedding = trained.get(StateDict.EMBEDDING_WEIGHT).values();
            float[] weight = trained.get(StateDict.FC_WEIGHT).values();
            float[] bias = trained.get(StateDict.FC_BIAS).values();
            float[] all = new float[embedding.length + weight.length + bias.length];
            System.arraycopy(embedding, 0, all, 0, embedding.length);
            System.arraycopy(weight, 0, all, embedding.length, weight.length);
            System.arraycopy(bias, 0, all, embedding.length + weight.length, bias.length);
            return all;
        }
    }
}
