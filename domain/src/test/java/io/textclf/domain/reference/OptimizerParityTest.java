package io.textclf.domain.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.GradientClipping;
import io.textclf.domain.train.Optimizer;
import io.textclf.domain.train.OptimizerSpec;
import io.textclf.domain.train.OptimizerState;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer of the reference backend against PyTorch 1.13 on the tutorial's model: four steps of
 * forward, cross-entropy, backward, {@code clip_grad_norm_(0.1)} and the update, from the same weights
 * (numbers from {@code domain/src/test/python/optimizer_reference.py}).
 */
class OptimizerParityTest {

    /**
     * About two float32 ulps at 1: PyTorch's vectorised kernels may fuse multiply-adds where plain Java
     * rounds twice; the math is the same (the values agree to 1e-7 today).
     */
    private static final double TOLERANCE = 2e-7;

    private static final TokenBatch A = new TokenBatch(new int[] {1, 2, 2, 4, 3, 0, 5, 1}, new int[] {0, 4, 4, 5});
    private static final int[] A_LABELS = {0, 2, 1, 2};
    private static final TokenBatch B = new TokenBatch(new int[] {6, 3, 2}, new int[] {0, 2});
    private static final int[] B_LABELS = {1, 0};
    private static final ReferenceBackend BACKEND = new ReferenceBackend();

    @Test
    void sgdWithMomentumMatchesPyTorch() {
        assertMatches(new OptimizerSpec.SgdMomentum(0.9, 0, 0, false), PyTorchOptimizerFixtures.MOMENTUM_LR,
                PyTorchOptimizerFixtures.MOMENTUM_EMBEDDING, PyTorchOptimizerFixtures.MOMENTUM_FC_WEIGHT,
                PyTorchOptimizerFixtures.MOMENTUM_FC_BIAS);
    }

    @Test
    void sgdWithMomentumDampeningAndWeightDecayMatchesPyTorch() {
        assertMatches(new OptimizerSpec.SgdMomentum(0.9, 0.1, 0.01, false),
                PyTorchOptimizerFixtures.MOMENTUM_DAMPENING_DECAY_LR,
                PyTorchOptimizerFixtures.MOMENTUM_DAMPENING_DECAY_EMBEDDING,
                PyTorchOptimizerFixtures.MOMENTUM_DAMPENING_DECAY_FC_WEIGHT,
                PyTorchOptimizerFixtures.MOMENTUM_DAMPENING_DECAY_FC_BIAS);
    }

    @Test
    void nesterovWithWeightDecayMatchesPyTorch() {
        assertMatches(new OptimizerSpec.SgdMomentum(0.8, 0, 0.001, true), PyTorchOptimizerFixtures.NESTEROV_DECAY_LR,
                PyTorchOptimizerFixtures.NESTEROV_DECAY_EMBEDDING, PyTorchOptimizerFixtures.NESTEROV_DECAY_FC_WEIGHT,
                PyTorchOptimizerFixtures.NESTEROV_DECAY_FC_BIAS);
    }

    @Test
    void weightDecayWithoutMomentumMatchesPyTorch() {
        assertMatches(new OptimizerSpec.SgdMomentum(0, 0, 0.05, false), PyTorchOptimizerFixtures.WEIGHT_DECAY_ONLY_LR,
                PyTorchOptimizerFixtures.WEIGHT_DECAY_ONLY_EMBEDDING,
                PyTorchOptimizerFixtures.WEIGHT_DECAY_ONLY_FC_WEIGHT, PyTorchOptimizerFixtures.WEIGHT_DECAY_ONLY_FC_BIAS);
    }

    @Test
    void adagradMatchesPyTorch() {
        assertMatches(OptimizerSpec.Adagrad.defaults(), PyTorchOptimizerFixtures.ADAGRAD_LR,
                PyTorchOptimizerFixtures.ADAGRAD_EMBEDDING, PyTorchOptimizerFixtures.ADAGRAD_FC_WEIGHT,
                PyTorchOptimizerFixtures.ADAGRAD_FC_BIAS);
    }

    @Test
    void adagradWithLrDecayWeightDecayAndAccumulatorMatchesPyTorch() {
        assertMatches(new OptimizerSpec.Adagrad(0.1, 0.01, 0.1, 1e-8),
                PyTorchOptimizerFixtures.ADAGRAD_DECAY_ACCUMULATOR_LR,
                PyTorchOptimizerFixtures.ADAGRAD_DECAY_ACCUMULATOR_EMBEDDING,
                PyTorchOptimizerFixtures.ADAGRAD_DECAY_ACCUMULATOR_FC_WEIGHT,
                PyTorchOptimizerFixtures.ADAGRAD_DECAY_ACCUMULATOR_FC_BIAS);
    }

    @Test
    void adamMatchesPyTorch() {
        assertMatches(OptimizerSpec.Adam.defaults(), PyTorchOptimizerFixtures.ADAM_LR,
                PyTorchOptimizerFixtures.ADAM_EMBEDDING, PyTorchOptimizerFixtures.ADAM_FC_WEIGHT,
                PyTorchOptimizerFixtures.ADAM_FC_BIAS);
    }

    @Test
    void adamWithBetasEpsAndWeightDecayMatchesPyTorch() {
        assertMatches(new OptimizerSpec.Adam(0.8, 0.99, 1e-6, 0.01), PyTorchOptimizerFixtures.ADAM_BETAS_DECAY_LR,
                PyTorchOptimizerFixtures.ADAM_BETAS_DECAY_EMBEDDING, PyTorchOptimizerFixtures.ADAM_BETAS_DECAY_FC_WEIGHT,
                PyTorchOptimizerFixtures.ADAM_BETAS_DECAY_FC_BIAS);
    }

    @Test
    void rowsWithoutGradientFollowTheDenseRule() {
        float[] neverTouched = Arrays.copyOfRange(PyTorchOptimizerFixtures.EMBEDDING, 28, 32);
        assertArrayEquals(neverTouched, row(run(OptimizerSpec.Adam.defaults(), PyTorchOptimizerFixtures.ADAM_LR, 4), 7),
                "Adam leaves a row with all-zero moments exactly where it was");
        assertNotEquals(Arrays.toString(neverTouched), Arrays.toString(row(run(new OptimizerSpec.SgdMomentum(0, 0, 0.05,
                false), PyTorchOptimizerFixtures.WEIGHT_DECAY_ONLY_LR, 4), 7)), "weight decay shrinks every row");
        float[] afterA = row(run(OptimizerSpec.Adam.defaults(), PyTorchOptimizerFixtures.ADAM_LR, 1), 0);
        float[] afterAB = row(run(OptimizerSpec.Adam.defaults(), PyTorchOptimizerFixtures.ADAM_LR, 2), 0);
        assertNotEquals(Arrays.toString(afterA), Arrays.toString(afterAB),
                "row 0 is not in batch B, yet Adam moves it on B's step, as PyTorch's dense Adam does");
    }

    @Test
    void handComputedFirstSteps() {
        // One weight, gradient 0.5 (no clipping): each rule's first step worked out by hand.
        assertEquals(1 - 0.1 * 0.5, singleWeightStep(new OptimizerSpec.SgdMomentum(0.9, 0, 0, false), 0.1, 1), 1e-7);
        // momentum: buf = g = 0.5 -> p = 0.95; then buf = 0.9 * 0.5 + 0.5 = 0.95 -> p = 0.95 - 0.095
        assertEquals(0.855, singleWeightStep(new OptimizerSpec.SgdMomentum(0.9, 0, 0, false), 0.1, 2), 1e-7);
        // Adam: m_hat = g, v_hat = g^2 -> p -= lr * g / (|g| + eps) ~ lr
        assertEquals(1 - 0.01 * 0.5 / (0.5 + 1e-8), singleWeightStep(OptimizerSpec.Adam.defaults(), 0.01, 1), 1e-7);
        // Adagrad: s = g^2 -> p -= lr * g / (|g| + eps)
        assertEquals(1 - 0.1 * 0.5 / (0.5 + 1e-10), singleWeightStep(OptimizerSpec.Adagrad.defaults(), 0.1, 1), 1e-7);
        // weight decay 0.1 with p = 1: g = 0.5 + 0.1 -> p = 1 - 0.1 * 0.6
        assertEquals(0.94, singleWeightStep(new OptimizerSpec.SgdMomentum(0, 0, 0.1, false), 0.1, 1), 1e-7);
    }

    @Test
    void aLoadedStateContinuesBitForBit() {
        for (OptimizerSpec spec : new OptimizerSpec[] {new OptimizerSpec.SgdMomentum(0.9, 0, 0.01, true),
            OptimizerSpec.Adagrad.defaults(), new OptimizerSpec.Adam(0.8, 0.99, 1e-6, 0)}) {
            double[] rates = {0.01, 0.02, 0.01, 0.01};
            StateDict straight = run(spec, rates, 4);
            StateDict halfway;
            OptimizerState state;
            try (TrainableModel model = BACKEND.trainable(initial())) {
                Optimizer optimizer = BACKEND.optimizer(spec, model);
                for (int s = 0; s < 2; s++) {
                    step(model, optimizer, s, rates[s]);
                }
                halfway = model.stateDict();
                state = optimizer.state();
            }
            try (TrainableModel model = BACKEND.trainable(halfway)) {
                Optimizer optimizer = BACKEND.optimizer(spec, model);
                optimizer.load(state);
                for (int s = 2; s < 4; s++) {
                    step(model, optimizer, s, rates[s]);
                }
                assertEquals(straight, model.stateDict(), spec.describe());
            }
        }
    }

    @Test
    void aStateOfAnotherRuleIsRefused() {
        OptimizerState adamState;
        try (TrainableModel model = BACKEND.trainable(initial())) {
            Optimizer adam = BACKEND.optimizer(OptimizerSpec.Adam.defaults(), model);
            step(model, adam, 0, 0.01);
            adamState = adam.state();
            Optimizer adagrad = BACKEND.optimizer(OptimizerSpec.Adagrad.defaults(), model);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adagrad.load(adamState));
            assertEquals(true, e.getMessage().contains("embedding.weight.exp_avg"), e.getMessage());
            Optimizer sgd = BACKEND.optimizer(new OptimizerSpec.Sgd(), model);
            assertThrows(IllegalArgumentException.class, () -> sgd.load(adamState));
        }
    }

    /**
     * A model with one embedding weight (1 at the start) whose gradient is 0.5 at every step: V = D = 1,
     * C = 2, {@code dLoss/dLogits = [1, 0]} and {@code fc.weight[0]} reset to 0.5 before each step, so
     * that {@code d/d(embedding) = 1 * 0.5}.
     */
    private static double singleWeightStep(OptimizerSpec spec, double learningRate, int steps) {
        StateDict one = StateDict.of(new Tensor(new int[] {1, 1}, new float[] {1}),
                new Tensor(new int[] {2, 1}, new float[] {0.5f, 0}), new Tensor(new int[] {2}, new float[2]));
        try (TrainableModel model = BACKEND.trainable(one)) {
            Optimizer optimizer = BACKEND.optimizer(spec, model);
            for (int s = 0; s < steps; s++) {
                model.load(StateDict.of(model.stateDict().get(StateDict.EMBEDDING_WEIGHT),
                        one.get(StateDict.FC_WEIGHT), one.get(StateDict.FC_BIAS)));
                model.forward(TokenBatch.of(new int[] {0}));
                model.backward(new float[] {1, 0});
                optimizer.step(learningRate);
            }
            return model.stateDict().get(StateDict.EMBEDDING_WEIGHT).valueAt(0);
        }
    }

    private static void assertMatches(OptimizerSpec spec, double[] rates, float[] embedding, float[] fcWeight,
                                      float[] fcBias) {
        StateDict after = run(spec, rates, 4);
        assertClose(embedding, after.get(StateDict.EMBEDDING_WEIGHT).values(), spec + " embedding.weight");
        assertClose(fcWeight, after.get(StateDict.FC_WEIGHT).values(), spec + " fc.weight");
        assertClose(fcBias, after.get(StateDict.FC_BIAS).values(), spec + " fc.bias");
    }

    private static StateDict run(OptimizerSpec spec, double[] rates, int steps) {
        try (TrainableModel model = BACKEND.trainable(initial())) {
            Optimizer optimizer = BACKEND.optimizer(spec, model);
            for (int s = 0; s < steps; s++) {
                step(model, optimizer, s, rates[s]);
            }
            return model.stateDict();
        }
    }

    private static void step(TrainableModel model, Optimizer optimizer, int index, double learningRate) {
        boolean a = index % 2 == 0;
        float[] logits = model.forward(a ? A : B);
        model.backward(new CrossEntropyLoss().compute(logits, a ? A_LABELS : B_LABELS, 3).logitGradient());
        GradientClipping.clip(model, PyTorchOptimizerFixtures.CLIP);
        optimizer.step(learningRate);
    }

    private static StateDict initial() {
        return StateDict.of(new Tensor(new int[] {8, 4}, PyTorchOptimizerFixtures.EMBEDDING),
                new Tensor(new int[] {3, 4}, PyTorchOptimizerFixtures.FC_WEIGHT),
                new Tensor(new int[] {3}, PyTorchOptimizerFixtures.FC_BIAS));
    }

    private static float[] row(StateDict parameters, int row) {
        return Arrays.copyOfRange(parameters.get(StateDict.EMBEDDING_WEIGHT).values(), row * 4, row * 4 + 4);
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE, what + "[" + i + "]");
        }
    }
}
