package io.textclf.domain.train;

import io.textclf.domain.backend.ComputeBackend;
import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Two backends (or one backend on two devices) trained side by side from the same initial parameters on
 * the same batches with the tutorial's step: forward, loss, backward, clipping to {@code clipNorm}, plain
 * SGD at {@code learningRate}. It records both sides' loss and gradient norm at every step and both
 * parameter sets at the end: the parity check of a backend against another.
 */
public final class Lockstep {

    private Lockstep() {
    }

    /** Where the batches of the steps come from: step {@code s} trains on {@code batch(s)} with {@code labels(s)}. */
    public interface Batches {

        TokenBatch batch(int step);

        int[] labels(int step);

        /**
         * Consecutive batches of {@code batchSize} rows of {@code corpus} in the order {@code rows}, starting
         * again from the first after the last (partial) one, as epochs of a shuffled pass do.
         */
        static Batches inOrder(EncodedCorpus corpus, int[] rows, int batchSize) {
            int batches = (rows.length + batchSize - 1) / batchSize;
            return new Batches() {
                @Override
                public TokenBatch batch(int step) {
                    int from = (step % batches) * batchSize;
                    return corpus.batch(rows, from, Math.min(rows.length, from + batchSize));
                }

                @Override
                public int[] labels(int step) {
                    int from = (step % batches) * batchSize;
                    return corpus.labels(rows, from, Math.min(rows.length, from + batchSize));
                }
            };
        }
    }

    /** One step of both sides: the mean loss and the total gradient norm before clipping. */
    public record Step(double expectedLoss, double actualLoss, double expectedNorm, double actualNorm) {

        /** {@code |actual - expected| / |expected|} of the loss (0 when both are 0). */
        public double lossDifference() {
            return relative(actualLoss, expectedLoss);
        }

        /** {@code |actual - expected| / |expected|} of the gradient norm (0 when both are 0). */
        public double normDifference() {
            return relative(actualNorm, expectedNorm);
        }
    }

    /**
     * What the run saw.
     *
     * @param steps    every step, in order
     * @param initial  the parameters both sides started from
     * @param expected the expected side's parameters after the last step
     * @param actual   the actual side's parameters after the last step
     */
    public record Result(List<Step> steps, StateDict initial, StateDict expected, StateDict actual) {

        public Result {
            steps = List.copyOf(steps);
        }

        /** The largest relative difference of a step's loss. */
        public double maxLossDifference() {
            return steps.stream().mapToDouble(Step::lossDifference).max().orElse(0);
        }

        /** The largest relative difference of a step's gradient norm. */
        public double maxNormDifference() {
            return steps.stream().mapToDouble(Step::normDifference).max().orElse(0);
        }

        /** How many steps were clipped on the expected side (their norm was above {@code clipNorm}). */
        public int clippedSteps(double clipNorm) {
            return (int) steps.stream().filter(s -> s.expectedNorm() > clipNorm).count();
        }

        /** The largest absolute difference of one parameter between the two sides. */
        public double parameterDifference() {
            return expected.maxAbsDifference(actual);
        }

        /**
         * The largest absolute difference of one parameter, divided by the largest magnitude of a parameter
         * of the expected side (the scale the parameters live on).
         */
        public double relativeParameterDifference() {
            double scale = 0;
            for (Tensor tensor : expected.tensors().values()) {
                for (float value : tensor.values()) {
                    scale = Math.max(scale, Math.abs(value));
                }
            }
            double difference = parameterDifference();
            return difference == 0 ? 0 : difference / scale;
        }

        /** The largest distance a parameter of the actual side moved from the initial one. */
        public double movement() {
            return initial.maxAbsDifference(actual);
        }
    }

    /**
     * Trains one model of each backend from {@code initial} for {@code steps} steps of {@code batches}.
     *
     * @param expected     the side the other is measured against, e.g. the reference backend
     * @param actual       the side under test
     * @param learningRate SGD's rate, unchanged over the steps
     * @param clipNorm     largest total gradient norm, as {@link GradientClipping}
     */
    public static Result run(ComputeBackend expected, ComputeBackend actual, StateDict initial, Batches batches,
                             int steps, Loss loss, double learningRate, double clipNorm) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, was " + steps);
        }
        int classes = initial.dims().numClasses();
        List<Step> seen = new ArrayList<>(steps);
        try (TrainableModel expectedModel = expected.trainable(initial);
             TrainableModel actualModel = actual.trainable(initial)) {
            Optimizer expectedSgd = expected.optimizer(new OptimizerSpec.Sgd(), expectedModel);
            Optimizer actualSgd = actual.optimizer(new OptimizerSpec.Sgd(), actualModel);
            for (int step = 0; step < steps; step++) {
                TokenBatch batch = batches.batch(step);
                int[] labels = batches.labels(step);
                LossOutput want = loss.compute(expectedModel.forward(batch), labels, classes);
                LossOutput got = loss.compute(actualModel.forward(batch), labels, classes);
                expectedModel.backward(want.logitGradient());
                actualModel.backward(got.logitGradient());
                double wantNorm = GradientClipping.clip(expectedModel, clipNorm);
                double gotNorm = GradientClipping.clip(actualModel, clipNorm);
                expectedSgd.step(learningRate);
                actualSgd.step(learningRate);
                seen.add(new Step(want.loss(), got.loss(), wantNorm, gotNorm));
            }
            return new Result(seen, initial, expectedModel.stateDict(), actualModel.stateDict());
        }
    }

    private static double relative(double actual, double expected) {
        double difference = Math.abs(actual - expected);
        return difference == 0 ? 0 : difference / Math.abs(expected);
    }
}
