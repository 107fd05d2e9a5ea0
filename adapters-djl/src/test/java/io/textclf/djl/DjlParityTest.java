package io.textclf.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.data.RandomSplit;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.reference.ReferenceBackend;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.GradientClipping;
import io.textclf.domain.train.LossOutput;
import io.textclf.domain.train.Optimizer;
import io.textclf.domain.train.OptimizerSpec;
import io.textclf.domain.train.TrainingSettings;
import java.util.Locale;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/**
 * Issue acceptance: from the same initial weights and the same 100 batches of real data, the DJL
 * backend's loss at every step equals the reference's within 1e-4 relative, and the parameters after
 * them within 1e-4 absolute.
 */
class DjlParityTest {

    private static final int STEPS = 100;

    @Test
    void hundredTutorialStepsOnAgNewsMiniMatchTheReference() {
        AgNewsMini data = AgNewsMini.get();
        TrainingSettings settings = TrainingSettings.tutorial();
        ModelDims dims = new ModelDims(data.vocabulary.size(), settings.embeddingDim(), data.dataset.train().labelNames().size());
        StateDict initial = new UniformInitializer(settings.initRange(), settings.seed()).initialize(dims);
        EncodedCorpus train = data.train;
        int[] order = RandomSplit.permutation(train.size(), new MersenneTwister(42));
        int batchSize = settings.batchSize();
        CrossEntropyLoss loss = new CrossEntropyLoss();
        ReferenceBackend referenceBackend = new ReferenceBackend();
        try (TrainableModel reference = referenceBackend.trainable(initial);
             TrainableModel djl = DjlModelTest.CPU.trainable(initial)) {
            Optimizer referenceSgd = referenceBackend.optimizer(new OptimizerSpec.Sgd(), reference);
            Optimizer djlSgd = DjlModelTest.CPU.optimizer(new OptimizerSpec.Sgd(), djl);
            double worstRelative = 0;
            long djlNanos = 0;
            for (int step = 0; step < STEPS; step++) {
                int from = (step * batchSize) % (train.size() - batchSize);
                TokenBatch batch = train.batch(order, from, from + batchSize);
                int[] labels = train.labels(order, from, from + batchSize);

                LossOutput expected = loss.compute(reference.forward(batch), labels, dims.numClasses());
                reference.backward(expected.logitGradient());
                GradientClipping.clip(reference, settings.clipNorm());
                referenceSgd.step(settings.learningRate());

                long started = System.nanoTime();
                LossOutput actual = loss.compute(djl.forward(batch), labels, dims.numClasses());
                djl.backward(actual.logitGradient());
                GradientClipping.clip(djl, settings.clipNorm());
                djlSgd.step(settings.learningRate());
                djlNanos += System.nanoTime() - started;

                double relative = Math.abs(actual.loss() - expected.loss()) / Math.abs(expected.loss());
                worstRelative = Math.max(worstRelative, relative);
                assertTrue(relative <= 1e-4, "step " + step + ": loss " + actual.loss() + " vs reference "
                        + expected.loss());
            }
            double parameterDifference = reference.stateDict().maxAbsDifference(djl.stateDict());
            System.out.printf(Locale.ROOT, "DJL parity over %d steps: worst relative loss difference %.2e, "
                    + "largest parameter difference %.2e, %.3f ms per DJL step%n", STEPS, worstRelative,
                    parameterDifference, djlNanos / 1e6 / STEPS);
            assertEquals(0, parameterDifference, 1e-4);
        }
    }
}
