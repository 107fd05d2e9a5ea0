package io.textclf.domain.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.backend.ComputeBackend;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.OptimizerSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Back-propagation against central finite differences of the loss, for every parameter. The analytic
 * gradient is read off one unclipped SGD step with learning rate 1: {@code grad = before - after}.
 */
class GradientCheckTest {

    private static final ModelDims DIMS = new ModelDims(6, 3, 3);
    /** Rows 0, 2, 3 and 4 are used (2 twice in one bag, 0 in two bags), rows 1 and 5 are not; one bag is empty. */
    private static final TokenBatch BATCH = TokenBatch.of(new int[] {0, 2, 2}, new int[] {3}, new int[0], new int[] {2, 0, 4});
    private static final int[] LABELS = {1, 0, 2, 2};
    private static final int[] UNUSED_ROWS = {1, 5};
    private static final double STEP = 1e-2;

    private final ComputeBackend backend = new ReferenceBackend();
    private final CrossEntropyLoss loss = new CrossEntropyLoss();

    @Test
    void everyGradientMatchesFiniteDifferences() {
        StateDict initial = initial();
        Map<String, float[]> analytic = analyticGradient(initial);
        double largest = 0;
        for (String name : initial.tensors().keySet()) {
            float[] values = initial.get(name).values();
            float[] gradient = analytic.get(name);
            for (int i = 0; i < values.length; i++) {
                double numeric = finiteDifference(initial, name, i);
                double tolerance = 1e-3 + 1e-2 * Math.abs(numeric);
                assertEquals(numeric, gradient[i], tolerance, name + "[" + i + "]");
                largest = Math.max(largest, Math.abs(numeric));
            }
        }
        assertTrue(largest > 0.05, "the check needs gradients well above its tolerance, largest was " + largest);
    }

    @Test
    void gradientNormIsTheL2NormOfAllGradients() {
        StateDict initial = initial();
        double sumOfSquares = 0;
        for (float[] gradient : analyticGradient(initial).values()) {
            for (float g : gradient) {
                sumOfSquares += (double) g * g;
            }
        }
        try (TrainableModel model = backend.trainable(initial)) {
            model.backward(loss.compute(model.forward(BATCH), LABELS, DIMS.numClasses()).logitGradient());
            assertEquals(Math.sqrt(sumOfSquares), model.gradientNorm(), 1e-6);
        }
    }

    @Test
    void stepLeavesUnusedEmbeddingRowsBitForBit() {
        StateDict initial = initial();
        try (TrainableModel model = backend.trainable(initial)) {
            model.backward(loss.compute(model.forward(BATCH), LABELS, DIMS.numClasses()).logitGradient());
            backend.optimizer(new OptimizerSpec.Sgd(), model).step(5);
            float[] before = initial.get(StateDict.EMBEDDING_WEIGHT).values();
            float[] after = model.stateDict().get(StateDict.EMBEDDING_WEIGHT).values();
            for (int row : UNUSED_ROWS) {
                assertArrayEquals(row(before, row), row(after, row), "row " + row);
            }
            for (int row : new int[] {0, 2, 3, 4}) {
                assertTrue(!Arrays.equals(row(before, row), row(after, row)), "row " + row + " must be updated");
            }
        }
    }

    @Test
    void backwardReplacesTheGradientsOfThePreviousBatch() {
        StateDict initial = initial();
        TokenBatch other = TokenBatch.of(new int[] {1, 5}, new int[] {5});
        try (TrainableModel model = backend.trainable(initial)) {
            model.backward(loss.compute(model.forward(other), new int[] {0, 1}, DIMS.numClasses()).logitGradient());
            model.backward(loss.compute(model.forward(BATCH), LABELS, DIMS.numClasses()).logitGradient());
            backend.optimizer(new OptimizerSpec.Sgd(), model).step(1);
            float[] after = model.stateDict().get(StateDict.EMBEDDING_WEIGHT).values();
            float[] before = initial.get(StateDict.EMBEDDING_WEIGHT).values();
            for (int row : UNUSED_ROWS) {
                assertArrayEquals(row(before, row), row(after, row), "row " + row + " of the earlier batch");
            }
            assertEquals(0, model.stateDict().maxAbsDifference(stepOnce(initial)), 0);
        }
    }

    private Map<String, float[]> analyticGradient(StateDict initial) {
        StateDict after = stepOnce(initial);
        Map<String, float[]> gradients = new LinkedHashMap<>();
        for (String name : initial.tensors().keySet()) {
            float[] before = initial.get(name).values();
            float[] updated = after.get(name).values();
            float[] gradient = new float[before.length];
            for (int i = 0; i < before.length; i++) {
                gradient[i] = before[i] - updated[i];
            }
            gradients.put(name, gradient);
        }
        return gradients;
    }

    private StateDict stepOnce(StateDict initial) {
        try (TrainableModel model = backend.trainable(initial)) {
            model.backward(loss.compute(model.forward(BATCH), LABELS, DIMS.numClasses()).logitGradient());
            backend.optimizer(new OptimizerSpec.Sgd(), model).step(1);
            return model.stateDict();
        }
    }

    private double finiteDifference(StateDict parameters, String name, int index) {
        float value = parameters.get(name).valueAt(index);
        float plus = (float) (value + STEP);
        float minus = (float) (value - STEP);
        return (lossAt(with(parameters, name, index, plus)) - lossAt(with(parameters, name, index, minus)))
                / ((double) plus - minus);
    }

    private double lossAt(StateDict parameters) {
        try (TrainableModel model = backend.trainable(parameters)) {
            return loss.compute(model.forward(BATCH), LABELS, DIMS.numClasses()).loss();
        }
    }

    private static StateDict with(StateDict parameters, String name, int index, float value) {
        Map<String, Tensor> tensors = new LinkedHashMap<>(parameters.tensors());
        Tensor tensor = tensors.get(name);
        float[] values = tensor.values();
        values[index] = value;
        tensors.put(name, new Tensor(tensor.shape(), values));
        return new StateDict(tensors);
    }

    private static StateDict initial() {
        StateDict drawn = new UniformInitializer(UniformInitializer.TUTORIAL_RANGE, 42).initialize(DIMS);
        return StateDict.of(drawn.get(StateDict.EMBEDDING_WEIGHT), drawn.get(StateDict.FC_WEIGHT),
                new Tensor(new int[] {3}, new float[] {0.1f, -0.2f, 0.05f}));
    }

    private static float[] row(float[] embedding, int row) {
        return Arrays.copyOfRange(embedding, row * DIMS.embeddingDim(), (row + 1) * DIMS.embeddingDim());
    }
}
