package io.textclf.domain.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.backend.ComputeBackend;
import io.textclf.domain.model.Model;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.GradientClipping;
import io.textclf.domain.train.LossOutput;
import io.textclf.domain.train.Optimizer;
import io.textclf.domain.train.OptimizerSpec;
import org.junit.jupiter.api.Test;

/**
 * The reference backend against real PyTorch: the tutorial's model (vocab 7, dim 4, classes 3) with the
 * fixed weights of {@code src/test/python/make_fixtures.py}, run through the tutorial's training step
 * (forward, CrossEntropyLoss, backward, clip_grad_norm_, SGD with lr 5) in PyTorch and here.
 */
class ReferenceBackendParityTest {

    private static final float[] EMBEDDING = {
            0.1f, -0.2f, 0.3f, -0.4f,
            0.5f, 0.6f, -0.7f, 0.8f,
            -0.9f, 0.15f, 0.25f, -0.35f,
            0.45f, -0.55f, 0.65f, 0.05f,
            -0.12f, 0.34f, -0.56f, 0.78f,
            0.21f, 0.43f, 0.65f, -0.87f,
            0.33f, -0.44f, 0.11f, 0.22f};
    private static final float[] FC_WEIGHT = {
            0.3f, -0.1f, 0.2f, 0.4f,
            -0.25f, 0.35f, -0.45f, 0.15f,
            0.05f, 0.5f, 0.1f, -0.3f};
    private static final float[] FC_BIAS = {0.01f, -0.02f, 0.03f};

    /** A repeated token, an empty bag, a single token; row 6 unused. */
    private static final TokenBatch BATCH_A = new TokenBatch(new int[] {1, 2, 2, 4, 3, 0, 5, 1}, new int[] {0, 4, 4, 5});
    private static final int[] LABELS_A = {0, 2, 1, 2};
    /** Row 6 and none of rows 0, 1, 4, 5. */
    private static final TokenBatch BATCH_B = new TokenBatch(new int[] {6, 3, 2}, new int[] {0, 2});
    private static final int[] LABELS_B = {1, 0};

    private static final double LEARNING_RATE = 5;
    private static final double CLIP = 0.1;
    private static final double NO_CLIP = 10;
    private static final double ABSOLUTE = 1e-6;
    private static final double RELATIVE = 1e-5;

    // Printed by src/test/python/make_fixtures.py with PyTorch 1.13.0a0 (Debian python3-torch).
    static final float[] A_LOGITS = {-0.07750001f, 0.29574996f, 0.08225001f, 0.01f, -0.02f, 0.03f, 0.35f, -0.60999995f, -0.1725f, 0.017333345f, -0.05166667f, 0.23716667f};
    static final float A_LOSS = 1.2353404f;
    static final float A_NORM = 0.43854785f;
    static final float[] CLIPPED_STEP1_EMBEDDING = {0.10089649f, -0.17788512f, 0.3123524f, -0.43347114f, 0.5223613f, 0.59543437f, -0.6667869f, 0.789806f, -0.8570704f, 0.096638955f, 0.29172137f, -0.3034457f, 0.34499767f, -0.49791873f, 0.5091859f, 0.052432988f, -0.098535195f, 0.31331947f, -0.53913933f, 0.80327713f, 0.21089648f, 0.45211488f, 0.6623523f, -0.9034711f, 0.33f, -0.44f, 0.11f, 0.22f};
    static final float[] CLIPPED_STEP1_FC_WEIGHT = {0.13760221f, 0.018522829f, 0.059546135f, 0.45224494f, -0.12864852f, 0.1650633f, -0.28590947f, 0.14947893f, 0.09104634f, 0.5664139f, 0.07636333f, -0.35172385f};
    static final float[] CLIPPED_STEP1_FC_BIAS = {-0.11279795f, -0.080553964f, 0.21335201f};
    static final double STEP2_LR = 0.5;
    static final float[] B_LOGITS = {0.0049944595f, -0.26953474f, -0.045814082f, -0.3488036f, -0.08310622f, 0.31906244f};
    static final float B_LOSS = 1.3597893f;
    static final float B_NORM = 0.8244666f;
    static final float[] CLIPPED_STEP2_EMBEDDING = {0.10089649f, -0.17788512f, 0.3123524f, -0.43347114f, 0.5223613f, 0.59543437f, -0.6667869f, 0.789806f, -0.8539481f, 0.08766162f, 0.29469916f, -0.28945684f, 0.3423403f, -0.49923286f, 0.5053274f, 0.053404108f, -0.098535195f, 0.31331947f, -0.53913933f, 0.80327713f, 0.21089648f, 0.45211488f, 0.6623523f, -0.9034711f, 0.32734263f, -0.44131413f, 0.10614152f, 0.22097112f};
    static final float[] CLIPPED_STEP2_FC_WEIGHT = {0.11394645f, 0.026010897f, 0.062849104f, 0.4436825f, -0.11331628f, 0.15393181f, -0.28186586f, 0.15527226f, 0.09936986f, 0.57005733f, 0.069016755f, -0.34895474f};
    static final float[] CLIPPED_STEP2_FC_BIAS = {-0.100790225f, -0.06802957f, 0.18881989f};
    static final float UNCLIPPED_NORM = 0.43854785f;
    static final float[] UNCLIPPED_STEP1_EMBEDDING = {0.10393155f, -0.10301542f, 0.35417116f, -0.54678726f, 0.5980652f, 0.57997745f, -0.55434453f, 0.7552944f, -0.7117327f, -0.084014274f, 0.43296862f, -0.14583671f, -0.010486461f, -0.3215982f, 0.032461397f, 0.06066984f, -0.025866363f, 0.22299287f, -0.4685157f, 0.8820816f, 0.21393155f, 0.5269846f, 0.7041711f, -1.0167873f, 0.33f, -0.44f, 0.11f, 0.22f};
    static final float[] UNCLIPPED_STEP1_FC_WEIGHT = {-0.41219378f, 0.41978052f, -0.41595882f, 0.6291196f, 0.2821855f, -0.46103773f, 0.26961717f, 0.1477148f, 0.23000826f, 0.7912572f, -0.0036583338f, -0.5268343f};
    static final float[] UNCLIPPED_STEP1_FC_BIAS = {-0.528529f, -0.2855587f, 0.8340881f};

    private final ComputeBackend backend = new ReferenceBackend();
    private final CrossEntropyLoss loss = new CrossEntropyLoss();

    @Test
    void forwardAndInferenceGivePyTorchsLogits() {
        try (TrainableModel model = backend.trainable(initial());
             Model inference = backend.inference(initial())) {
            assertClose("logits", A_LOGITS, model.forward(BATCH_A));
            assertClose("inference logits", A_LOGITS, inference.logits(BATCH_A));
        }
    }

    @Test
    void emptyBagGivesTheBiasExactly() {
        try (TrainableModel model = backend.trainable(initial())) {
            float[] logits = model.forward(BATCH_A);
            assertArrayEquals(FC_BIAS, new float[] {logits[3], logits[4], logits[5]});
        }
    }

    @Test
    void lossMatchesPyTorch() {
        try (TrainableModel model = backend.trainable(initial())) {
            assertClose("loss", A_LOSS, loss.compute(model.forward(BATCH_A), LABELS_A, 3).loss());
        }
    }

    @Test
    void clippedStepsMatchPyTorch() {
        try (TrainableModel model = backend.trainable(initial())) {
            Optimizer sgd = backend.optimizer(new OptimizerSpec.Sgd(), model);

            double normA = step(model, sgd, BATCH_A, LABELS_A, A_LOGITS, A_LOSS, CLIP, LEARNING_RATE);
            assertClose("norm of step 1", A_NORM, normA);
            assertTrue(normA > CLIP, "the fixture must clip");
            assertState("after step 1", CLIPPED_STEP1_EMBEDDING, CLIPPED_STEP1_FC_WEIGHT, CLIPPED_STEP1_FC_BIAS,
                    model.stateDict());

            double normB = step(model, sgd, BATCH_B, LABELS_B, B_LOGITS, B_LOSS, CLIP, STEP2_LR);
            assertClose("norm of step 2", B_NORM, normB);
            assertState("after step 2", CLIPPED_STEP2_EMBEDDING, CLIPPED_STEP2_FC_WEIGHT, CLIPPED_STEP2_FC_BIAS,
                    model.stateDict());
        }
    }

    @Test
    void clippingScalesTheNormDownToMaxNorm() {
        try (TrainableModel model = backend.trainable(initial())) {
            model.backward(loss.compute(model.forward(BATCH_A), LABELS_A, 3).logitGradient());
            double norm = GradientClipping.clip(model, CLIP);
            assertEquals(CLIP * norm / (norm + GradientClipping.EPSILON), model.gradientNorm(), 1e-12);
        }
    }

    @Test
    void unclippedStepMatchesPyTorch() {
        try (TrainableModel model = backend.trainable(initial())) {
            Optimizer sgd = backend.optimizer(new OptimizerSpec.Sgd(), model);
            model.backward(loss.compute(model.forward(BATCH_A), LABELS_A, 3).logitGradient());
            double norm = GradientClipping.clip(model, NO_CLIP);
            assertClose("norm", UNCLIPPED_NORM, norm);
            assertEquals(norm, model.gradientNorm(), 0, "a norm under max_norm must not be scaled");
            sgd.step(LEARNING_RATE);
            assertState("after the step", UNCLIPPED_STEP1_EMBEDDING, UNCLIPPED_STEP1_FC_WEIGHT, UNCLIPPED_STEP1_FC_BIAS,
                    model.stateDict());
        }
    }

    private double step(TrainableModel model, Optimizer sgd, TokenBatch batch, int[] labels, float[] expectedLogits,
                        float expectedLoss, double maxNorm, double learningRate) {
        float[] logits = model.forward(batch);
        assertClose("logits", expectedLogits, logits);
        LossOutput output = loss.compute(logits, labels, 3);
        assertClose("loss", expectedLoss, output.loss());
        model.backward(output.logitGradient());
        double norm = GradientClipping.clip(model, maxNorm);
        sgd.step(learningRate);
        return norm;
    }

    private static StateDict initial() {
        return StateDict.of(new Tensor(new int[] {7, 4}, EMBEDDING), new Tensor(new int[] {3, 4}, FC_WEIGHT),
                new Tensor(new int[] {3}, FC_BIAS));
    }

    private static void assertState(String when, float[] embedding, float[] fcWeight, float[] fcBias, StateDict actual) {
        assertClose(when + ": " + StateDict.EMBEDDING_WEIGHT, embedding, actual.get(StateDict.EMBEDDING_WEIGHT).values());
        assertClose(when + ": " + StateDict.FC_WEIGHT, fcWeight, actual.get(StateDict.FC_WEIGHT).values());
        assertClose(when + ": " + StateDict.FC_BIAS, fcBias, actual.get(StateDict.FC_BIAS).values());
    }

    private static void assertClose(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertClose(what + "[" + i + "]", expected[i], actual[i]);
        }
    }

    private static void assertClose(String what, double expected, double actual) {
        double tolerance = Math.max(ABSOLUTE, RELATIVE * Math.abs(expected));
        assertEquals(expected, actual, tolerance, what);
    }
}
