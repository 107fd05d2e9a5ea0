package io.textclf.domain.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A training loop may find a batch's distinct rows beforehand on another thread: the reference model
 * then trains to the same bits as when it finds them itself, with every optimizer (the lazy ones ask
 * for the slot of a row), and when the two ways alternate; with SGD, also when it leaves most of the
 * embedding update to another core, whatever reads the parameters in between.
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
            float[] found = train(optimizer, step -> false, NEVER);
            assertArrayEquals(found, train(optimizer, step -> true, NEVER),
                    optimizer.describe() + ", rows always given");
            assertArrayEquals(found, train(optimizer, step -> step % 3 != 1, NEVER),
                    optimizer.describe() + ", alternating");
        }
    }

    @Test
    void sameParametersWithTheUpdateInTheBackground() {
        OptimizerSpec sgd = new OptimizerSpec.Sgd();
        float[] found = train(sgd, step -> false, NEVER);
        assertArrayEquals(found, train(sgd, step -> true, 0), "rows always given");
        assertArrayEquals(found, train(sgd, step -> step % 3 != 1, 0), "alternating");
        assertArrayEquals(found, train(sgd, step -> step % 5 != 0, 0), "alternating, two given in a row");
    }

    @Test
    void logitsFromSeveralThreadsWhileAnUpdateIsPendingSeeItAppliedOnce() throws Exception {
        StateDict initial = new UniformInitializer(0.5, 3).initialize(new ModelDims(VOCAB, DIM, CLASSES));
        Random random = new Random(9);
        int[][] documents = new int[16][];
        for (int d = 0; d < documents.length; d++) {
            documents[d] = random.ints(30, 0, VOCAB).toArray();
        }
        TokenBatch batch = TokenBatch.of(documents);
        int[] labels = random.ints(documents.length, 0, CLASSES).toArray();
        TokenBatch probe = TokenBatch.of(documents[0], documents[1], documents[2], documents[3], documents[4]);
        for (int round = 0; round < 60; round++) {
            float[] expected = stepOnce(initial, batch, labels, Long.MAX_VALUE, model -> model.logits(probe));
            float[][] seen = new float[4][];
            stepOnce(initial, batch, labels, 0, model -> {
                Thread[] threads = new Thread[seen.length];
                for (int t = 0; t < threads.length; t++) {
                    int index = t;
                    threads[t] = new Thread(() -> seen[index] = model.logits(probe));
                    threads[t].start();
                }
                for (Thread thread : threads) {
                    try {
                        thread.join();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
                return null;
            });
            for (float[] logits : seen) {
                assertArrayEquals(expected, logits, "round " + round);
            }
        }
    }

    /** One SGD step on {@code batch} with its rows given, then {@code after} on the model (still open). */
    private static float[] stepOnce(StateDict initial, TokenBatch batch, int[] labels, long backgroundFromBytes,
                                    java.util.function.Function<TrainableModel, float[]> after) {
        ReferenceBackend backend = new ReferenceBackend();
        try (TrainableModel model = new ReferenceModel(initial, RowKernels.BEST, backgroundFromBytes,
                new BackgroundUpdatePolicy(0))) {
            Optimizer optimizer = backend.optimizer(new OptimizerSpec.Sgd(), model);
            float[] logits = model.forward(batch, new DistinctRows.Finder(VOCAB).find(batch));
            model.backward(new CrossEntropyLoss().compute(logits, labels, CLASSES).logitGradient());
            optimizer.step(0.5);
            return after.apply(model);
        }
    }

    @Test
    void aStepOrABackwardPassRepeatedWithoutAForwardPassGivesTheSameBitsInTheBackground() {
        StateDict initial = new UniformInitializer(0.5, 4).initialize(new ModelDims(VOCAB, DIM, CLASSES));
        Random random = new Random(13);
        DistinctRows.Finder[] finders = {new DistinctRows.Finder(VOCAB, true), new DistinctRows.Finder(VOCAB, true)};
        TokenBatch[] batches = new TokenBatch[6];
        int[][] labels = new int[batches.length][];
        for (int b = 0; b < batches.length; b++) {
            int[][] documents = new int[8][];
            for (int d = 0; d < documents.length; d++) {
                documents[d] = random.ints(1 + random.nextInt(30), 0, 80).toArray();
            }
            batches[b] = TokenBatch.of(documents);
            labels[b] = random.ints(documents.length, 0, CLASSES).toArray();
        }
        float[][] results = new float[2][];
        long[] thresholds = {NEVER, 0};
        for (int run = 0; run < 2; run++) {
            ReferenceBackend backend = new ReferenceBackend();
            CrossEntropyLoss loss = new CrossEntropyLoss();
            try (TrainableModel model = new ReferenceModel(initial, RowKernels.BEST, thresholds[run],
                    new BackgroundUpdatePolicy(0))) {
                Optimizer optimizer = backend.optimizer(new OptimizerSpec.Sgd(), model);
                for (int b = 0; b < batches.length; b++) {
                    float[] logits = model.forward(batches[b], finders[run].find(batches[b]));
                    float[] logitGradient = loss.compute(logits, labels[b], CLASSES).logitGradient();
                    model.backward(logitGradient);
                    optimizer.step(0.5);
                    if (b == 2) {
                        optimizer.step(0.5);
                    }
                    if (b == 3) {
                        model.backward(logitGradient);
                        optimizer.step(0.25);
                    }
                }
                results[run] = flatten(model.stateDict());
            }
        }
        assertArrayEquals(results[0], results[1]);
    }

    @Test
    void onlyLargeTablesAreUpdatedInTheBackground() {
        StateDict initial = new UniformInitializer(0.5, 1).initialize(new ModelDims(VOCAB, DIM, CLASSES));
        long bytes = (long) VOCAB * DIM * Float.BYTES;
        try (ReferenceModel small = new ReferenceModel(initial, RowKernels.BEST, bytes + 1);
             ReferenceModel large = new ReferenceModel(initial, RowKernels.BEST, bytes)) {
            assertFalse(small.updatesInBackground());
            assertTrue(large.updatesInBackground());
        }
        try (TrainableModel tutorial = new ReferenceBackend().trainable(initial)) {
            assertFalse(((ReferenceModel) tutorial).updatesInBackground(), "a table far below "
                    + ReferenceModel.BACKGROUND_UPDATES_FROM_BYTES + " bytes");
        }
    }

    @Test
    void rowsOfAnotherBatchAreRefused() {
        StateDict initial = new UniformInitializer(0.5, 1).initialize(new ModelDims(VOCAB, DIM, CLASSES));
        try (TrainableModel model = new ReferenceBackend().trainable(initial)) {
            DistinctRows other = new DistinctRows.Finder(VOCAB).find(TokenBatch.of(new int[] {1, 2}));
            assertThrows(IllegalArgumentException.class, () -> model.forward(TokenBatch.of(new int[] {1, 2, 3}), other));
            DistinctRows oneDocument = new DistinctRows.Finder(VOCAB).find(TokenBatch.of(new int[] {1, 2, 3}));
            assertThrows(IllegalArgumentException.class,
                    () -> model.forward(TokenBatch.of(new int[] {1}, new int[] {2, 3}), oneDocument),
                    "the same tokens in two documents");
            DistinctRows otherSplit = new DistinctRows.Finder(VOCAB).find(TokenBatch.of(new int[] {1, 2}, new int[] {3}));
            assertThrows(IllegalArgumentException.class,
                    () -> model.forward(TokenBatch.of(new int[] {1}, new int[] {2, 3}), otherSplit),
                    "the same tokens and as many documents, split elsewhere");
            TokenBatch batch = TokenBatch.of(new int[] {1, 2}, new int[] {3});
            model.forward(new TokenBatch(batch.tokenIds().clone(), batch.offsets().clone()), otherSplit);
        }
    }

    private interface GivenAt {
        boolean given(int step);
    }

    /** No table is this large: no update in the background. */
    private static final long NEVER = Long.MAX_VALUE;

    /**
     * All parameters, flattened, after 30 steps on random batches with the tutorial's clipping, then the logits of a
     * probe batch taken every seventh step and a copy of the parameters taken after step 11. Each forward pass with
     * given rows is followed by the hint of the given rows of the next batch, as the training loop gives it.
     */
    private static float[] train(OptimizerSpec spec, GivenAt givenAt, long backgroundFromBytes) {
        StateDict initial = new UniformInitializer(0.5, 7).initialize(new ModelDims(VOCAB, DIM, CLASSES));
        ReferenceBackend backend = new ReferenceBackend();
        DistinctRows.Finder finder = new DistinctRows.Finder(VOCAB, true);
        Random random = new Random(5);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        TokenBatch probe = TokenBatch.of(new int[][] {random.ints(50, 0, 60).toArray(), {1, 2, 3}});
        float[] observed = new float[0];
        int steps = 30;
        TokenBatch[] batches = new TokenBatch[steps];
        int[][] labels = new int[steps][8];
        // the rows of the given batches, found in order beforehand as a training loop's batch thread does
        DistinctRows[] rows = new DistinctRows[steps];
        for (int step = 0; step < steps; step++) {
            int[][] documents = new int[labels[step].length][];
            for (int d = 0; d < documents.length; d++) {
                // a small vocabulary and long documents: rows repeat within and across documents
                documents[d] = random.ints(random.nextInt(40), 0, step < 15 ? VOCAB : 60).toArray();
                labels[step][d] = random.nextInt(CLASSES);
            }
            batches[step] = TokenBatch.of(documents);
            rows[step] = givenAt.given(step) ? finder.find(batches[step]) : null;
        }
        try (TrainableModel model = new ReferenceModel(initial, RowKernels.BEST, backgroundFromBytes,
                new BackgroundUpdatePolicy(0))) {
            Optimizer optimizer = backend.optimizer(spec, model);
            for (int step = 0; step < steps; step++) {
                float[] logits = rows[step] != null ? model.forward(batches[step], rows[step])
                        : model.forward(batches[step]);
                if (step + 1 < steps && rows[step + 1] != null) {
                    model.willRead(rows[step + 1]);
                }
                model.backward(loss.compute(logits, labels[step], CLASSES).logitGradient());
                GradientClipping.clip(model, 0.1);
                optimizer.step(0.5);
                if (step % 7 == 6) {
                    observed = concat(observed, model.logits(probe));
                }
                if (step == 11) {
                    observed = concat(observed, flatten(model.stateDict()));
                }
            }
            if (backgroundFromBytes == 0 && rows[steps - 1] != null) {
                assertTrue(Thread.getAllStackTraces().keySet().stream()
                        .anyMatch(thread -> thread.getName().equals("textclf-row-updates")), "an update thread");
            }
            return concat(flatten(model.stateDict()), observed);
        }
    }

    private static float[] flatten(StateDict parameters) {
        return concat(concat(parameters.get(StateDict.EMBEDDING_WEIGHT).values(),
                parameters.get(StateDict.FC_WEIGHT).values()), parameters.get(StateDict.FC_BIAS).values());
    }

    private static float[] concat(float[] first, float[] second) {
        float[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
