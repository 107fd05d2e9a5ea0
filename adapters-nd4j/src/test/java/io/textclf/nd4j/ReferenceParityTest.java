package io.textclf.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.application.config.TextclfConfig;
import io.textclf.domain.model.ComputeBackend;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.reference.ReferenceBackend;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.GradientClipping;
import io.textclf.domain.train.LossOutput;
import io.textclf.domain.train.Optimizer;
import io.textclf.domain.train.OptimizerSpec;
import io.textclf.domain.train.TrainingSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The acceptance criterion of the nd4j backend: from the same initial weights and the same 100
 * batches of real data (ag_news_mini, the tutorial's tokenizer and vocabulary), each step's loss
 * equals the reference backend's within 1e-4 relative and the parameters after 100 steps within 1e-4.
 */
class ReferenceParityTest {

    private static final int STEPS = 100;
    private static final double LOSS_RELATIVE = 1e-4;
    private static final double PARAMETER_ABSOLUTE = 1e-4;

    private static AgNewsMiniBatches data;

    @BeforeAll
    static void loadData() {
        data = AgNewsMiniBatches.load();
    }

    @Test
    void hundredTutorialStepsMatchTheReference() {
        TrainingSettings settings = TrainingSettings.tutorial();
        ComputeBackend reference = new ReferenceBackend();
        ComputeBackend nd4j = new Nd4jBackend(TextclfConfig.defaults());
        CrossEntropyLoss loss = new CrossEntropyLoss();
        try (TrainableModel expected = reference.trainable(data.initial);
             TrainableModel actual = nd4j.trainable(data.initial)) {
            Optimizer expectedSgd = reference.optimizer(new OptimizerSpec.Sgd(), expected);
            Optimizer actualSgd = nd4j.optimizer(new OptimizerSpec.Sgd(), actual);
            int clipped = 0;
            for (int step = 0; step < STEPS; step++) {
                TokenBatch batch = data.batch(step);
                int[] labels = data.labels(step);
                LossOutput expectedOut = loss.compute(expected.forward(batch), labels, data.classes());
                LossOutput actualOut = loss.compute(actual.forward(batch), labels, data.classes());
                assertEquals(expectedOut.loss(), actualOut.loss(), LOSS_RELATIVE * Math.abs(expectedOut.loss()),
                        "loss of step " + (step + 1));
                expected.backward(expectedOut.logitGradient());
                actual.backward(actualOut.logitGradient());
                double expectedNorm = GradientClipping.clip(expected, settings.clipNorm());
                double actualNorm = GradientClipping.clip(actual, settings.clipNorm());
                assertEquals(expectedNorm, actualNorm, LOSS_RELATIVE * expectedNorm, "gradient norm of step " + (step + 1));
                clipped += expectedNorm > settings.clipNorm() ? 1 : 0;
                expectedSgd.step(settings.learningRate());
                actualSgd.step(settings.learningRate());
            }
            assertTrue(clipped > STEPS / 2, "the tutorial's steps are mostly clipped, so clipping is exercised: "
                    + clipped);
            StateDict after = actual.stateDict();
            double difference = expected.stateDict().maxAbsDifference(after);
            assertTrue(difference <= PARAMETER_ABSOLUTE, "parameters after " + STEPS + " steps differ by " + difference);
            assertTrue(data.initial.maxAbsDifference(after) > 0.01, "training must have moved the parameters");
        }
    }
}
