package io.textclf.domain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.reference.ReferenceBackend;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two backends trained side by side: what the parity check measures. */
class LockstepTest {

    private static final ModelDims DIMS = new ModelDims(12, 4, 3);
    private static final EncodedCorpus CORPUS = new EncodedCorpus(
            new int[][] {{1, 2, 3}, {4, 5}, {6, 7, 7}, {8}, {9, 10, 11}, {}, {2, 4}},
            new int[] {0, 1, 2, 0, 1, 2, 0});

    @Test
    void aBackendMatchesItselfExactlyAndTheStepsMoveTheParameters() {
        StateDict initial = new UniformInitializer(0.5, 3).initialize(DIMS);
        Lockstep.Result run = Lockstep.run(new ReferenceBackend(), new ReferenceBackend(), initial,
                Lockstep.Batches.inOrder(CORPUS, new int[] {6, 5, 4, 3, 2, 1, 0}, 3), 5, new CrossEntropyLoss(),
                5, 0.1);

        assertEquals(5, run.steps().size());
        assertEquals(0, run.maxLossDifference());
        assertEquals(0, run.maxNormDifference());
        assertEquals(0, run.relativeParameterDifference());
        assertTrue(run.movement() > 0.01, "moved " + run.movement());
        assertEquals(run.steps().stream().filter(s -> s.expectedNorm() > 0.1).count(), run.clippedSteps(0.1));
    }

    @Test
    void batchesRunThroughTheOrderAndStartAgainAfterThePartialOne() {
        Lockstep.Batches batches = Lockstep.Batches.inOrder(CORPUS, new int[] {6, 5, 4, 3, 2, 1, 0}, 3);

        assertEquals(List.of(0, 2, 1), List.of(batches.labels(0)[0], batches.labels(0)[1], batches.labels(0)[2]));
        assertEquals(1, batches.batch(2).size(), "the third batch holds the last row only");
        assertEquals(0, batches.labels(2)[0]);
        assertEquals(3, batches.batch(3).size(), "then the first batch again");
    }

    @Test
    void differencesAreRelativeToTheExpectedSide() {
        Lockstep.Step step = new Lockstep.Step(2.0, 2.002, 4.0, 3.0);
        assertEquals(1e-3, step.lossDifference(), 1e-12);
        assertEquals(0.25, step.normDifference(), 1e-12);
        assertEquals(0, new Lockstep.Step(0, 0, 0, 0).lossDifference());

        StateDict expected = state(0.5f, -2f);
        StateDict actual = state(0.5f, -1.998f);
        Lockstep.Result result = new Lockstep.Result(List.of(step), expected, expected, actual);
        assertEquals(0.002, result.parameterDifference(), 1e-6);
        assertEquals(0.001, result.relativeParameterDifference(), 1e-6, "divided by the largest magnitude, 2");
        assertEquals(1e-3, result.maxLossDifference(), 1e-12);
    }

    @Test
    void refusesNoSteps() {
        StateDict initial = new UniformInitializer(0.5, 3).initialize(DIMS);
        assertThrows(IllegalArgumentException.class, () -> Lockstep.run(new ReferenceBackend(), new ReferenceBackend(),
                initial, Lockstep.Batches.inOrder(CORPUS, new int[] {0}, 1), 0, new CrossEntropyLoss(), 5, 0.1));
    }

    private static StateDict state(float embedding, float bias) {
        return StateDict.of(new Tensor(new int[] {1, 1}, new float[] {embedding}),
                new Tensor(new int[] {1, 1}, new float[] {0.1f}), new Tensor(new int[] {1}, new float[] {bias}));
    }
}
