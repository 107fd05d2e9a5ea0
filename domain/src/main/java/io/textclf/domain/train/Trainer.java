package io.textclf.domain.train;

import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.data.RandomSplit;
import io.textclf.domain.model.ComputeBackend;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The tutorial's training loop, on any {@link ComputeBackend}: per epoch, shuffled batches of
 * forward, cross-entropy, backward, {@code clip_grad_norm_}, SGD step; then validation accuracy and
 * the scheduler's decision.
 *
 * <p>Interrupting the calling thread stops the run between two steps with
 * {@link TrainingCancelledException}.
 */
public final class Trainer {

    private final ComputeBackend backend;
    private final Loss loss;
    private final TrainingSettings settings;

    public Trainer(ComputeBackend backend, Loss loss, TrainingSettings settings) {
        this.backend = backend;
        this.loss = loss;
        this.settings = settings;
    }

    /** What a run produced: the final parameters and the per-epoch summaries. */
    public record Result(StateDict parameters, List<EpochSummary> epochs) {
        public Result {
            epochs = List.copyOf(epochs);
        }
    }

    /**
     * Trains from {@code initial} on {@code train}, validating on {@code validation} (which may be empty).
     */
    public Result train(StateDict initial, EncodedCorpus train, EncodedCorpus validation, TrainingListener listener) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("the training split is empty");
        }
        Scheduler scheduler = new StepOnValidationDrop(
                new StepLr(settings.learningRate(), settings.stepSize(), settings.gamma()));
        Evaluator evaluator = new Evaluator(loss);
        RandomGenerator shuffler = new MersenneTwister(settings.seed() ^ 0x5DEECE66DL);
        int classes = initial.dims().numClasses();
        int batchSize = settings.batchSize();
        int batches = (train.size() + batchSize - 1) / batchSize;
        List<EpochSummary> summaries = new ArrayList<>();
        try (TrainableModel model = backend.trainable(initial)) {
            Optimizer optimizer = backend.optimizer(new OptimizerSpec.Sgd(), model);
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                long started = System.nanoTime();
                double learningRate = scheduler.learningRate();
                int[] order = RandomSplit.permutation(train.size(), shuffler);
                long seen = 0;
                long correct = 0;
                double lossSum = 0;
                for (int b = 0; b < batches; b++) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new TrainingCancelledException(epoch, b + 1);
                    }
                    int from = b * batchSize;
                    int to = Math.min(train.size(), from + batchSize);
                    TokenBatch batch = train.batch(order, from, to);
                    int[] labels = train.labels(order, from, to);
                    float[] logits = model.forward(batch);
                    LossOutput output = loss.compute(logits, labels, classes);
                    model.backward(output.logitGradient());
                    GradientClipping.clip(model, settings.clipNorm());
                    optimizer.step(learningRate);
                    for (int r = 0; r < labels.length; r++) {
                        if (Argmax.row(logits, r, classes) == labels[r]) {
                            correct++;
                        }
                    }
                    seen += labels.length;
                    lossSum += output.loss() * labels.length;
                    listener.onBatch(new BatchProgress(epoch, b + 1, batches, seen, correct, lossSum, learningRate));
                }
                double validationAccuracy = evaluator.evaluate(model, validation).accuracy();
                if (validation.size() > 0) {
                    scheduler.afterEpoch(validationAccuracy);
                }
                EpochSummary summary = new EpochSummary(epoch, lossSum / seen, (double) correct / seen,
                        validationAccuracy, learningRate, (System.nanoTime() - started) / 1e9);
                summaries.add(summary);
                listener.onEpochEnd(summary);
            }
            return new Result(model.stateDict(), summaries);
        }
    }
}
