package io.textclf.domain.train;

import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.data.RandomSplit;
import io.textclf.domain.model.ComputeBackend;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The tutorial's training loop, on any {@link ComputeBackend}: per epoch, shuffled batches of
 * forward, cross-entropy, backward, {@code clip_grad_norm_}, optimizer step; then validation and the
 * scheduler's decision. With {@link TrainingSettings#patience()} it stops early; with
 * {@link TrainerOptions} it keeps the best parameters and hands checkpoints to a {@link CheckpointSink}.
 *
 * <p>Reproducible: the same settings, data and backend give the same parameters, and a run resumed
 * from a {@link TrainingState} gives exactly what the uninterrupted run gives (the shuffles and the
 * scheduler are rebuilt by replaying the completed epochs).
 *
 * <p>Interrupting the calling thread stops the run between two steps with
 * {@link TrainingCancelledException}.
 */
public final class Trainer {

    /** XOR-ed into the seed for the shuffle stream, so that it differs from the initialisation stream. */
    static final long SHUFFLE_SEED_MASK = 0x5DEECE66DL;

    private final ComputeBackend backend;
    private final Loss loss;
    private final TrainingSettings settings;

    public Trainer(ComputeBackend backend, Loss loss, TrainingSettings settings) {
        this.backend = backend;
        this.loss = loss;
        this.settings = settings;
    }

    /**
     * What a run produced.
     *
     * @param parameters the parameters after the last epoch trained
     * @param epochs     one summary per epoch trained, resumed ones included
     * @param best       the parameters after {@code bestEpoch}, when the run kept them
     * @param bestEpoch  the best epoch by the monitored validation metric, 0 without validation
     * @param stopReason why the run stopped before its last epoch, empty when it did not
     */
    public record Result(StateDict parameters, List<EpochSummary> epochs, Optional<StateDict> best, int bestEpoch,
                         String stopReason) {
        public Result {
            epochs = List.copyOf(epochs);
        }

        /** A run that trained every epoch and kept no best parameters. */
        public Result(StateDict parameters, List<EpochSummary> epochs) {
            this(parameters, epochs, Optional.empty(), 0, "");
        }

        public boolean stoppedEarly() {
            return !stopReason.isEmpty();
        }
    }

    /**
     * Trains from {@code initial} on {@code train}, validating on {@code validation} (which may be empty).
     */
    public Result train(StateDict initial, EncodedCorpus train, EncodedCorpus validation, TrainingListener listener) {
        return train(TrainingState.start(initial), train, validation, listener, TrainerOptions.NONE);
    }

    /**
     * Trains from {@code start}, a fresh state or a checkpoint of a run with the same settings and data.
     *
     * @throws IllegalArgumentException when the state does not fit the settings or data, or early
     *                                  stopping or reduce-on-plateau have no validation split to watch
     */
    public Result train(TrainingState start, EncodedCorpus train, EncodedCorpus validation, TrainingListener listener,
                        TrainerOptions options) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("the training split is empty");
        }
        if (validation.size() == 0 && (settings.patience() > 0
                || settings.scheduler() instanceof SchedulerSpec.ReduceOnPlateau)) {
            throw new IllegalArgumentException("early stopping and reduce-on-plateau need a validation split, "
                    + "but it is empty");
        }
        int classes = start.parameters().dims().numClasses();
        int batchSize = settings.batchSize();
        int batches = (int) ((train.size() + (long) batchSize - 1) / batchSize);
        if (start.completedEpochs() > settings.epochs()
                || (start.completedEpochs() == settings.epochs() && start.batchesDone() > 0)
                || start.batchesDone() >= batches) {
            throw new IllegalArgumentException("the training state (" + start.completedEpochs() + " epochs and "
                    + start.batchesDone() + " batches done) does not fit a run of " + settings.epochs()
                    + " epochs of " + batches + " batches");
        }
        Scheduler scheduler = settings.scheduler().create(settings);
        ImprovementTracker tracker = new ImprovementTracker(settings.monitor(), settings.minDelta());
        Evaluator evaluator = new Evaluator(loss);
        RandomGenerator shuffler = new MersenneTwister(settings.seed() ^ SHUFFLE_SEED_MASK);
        List<EpochSummary> summaries = new ArrayList<>();
        for (EpochSummary done : start.epochs()) {
            RandomSplit.permutation(train.size(), shuffler);
            scheduler.afterEpoch(done.validation());
            tracker.observe(done.epoch(), done.validation());
            summaries.add(done);
        }
        if (options.keepBest() && tracker.bestEpoch() > 0 && start.bestParameters().isEmpty()) {
            throw new IllegalArgumentException("the training state holds no parameters of its best epoch "
                    + tracker.bestEpoch());
        }
        Optional<StateDict> best = start.bestParameters();
        String stopReason = stopReason(tracker);
        try (TrainableModel model = backend.trainable(start.parameters())) {
            Optimizer optimizer = backend.optimizer(settings.optimizer(), model);
            if (!start.optimizer().isEmpty()) {
                optimizer.load(start.optimizer());
            }
            for (int epoch = start.completedEpochs() + 1; epoch <= settings.epochs() && stopReason.isEmpty(); epoch++) {
                boolean resumed = epoch == start.completedEpochs() + 1;
                PartialEpoch partial = resumed ? start.partial() : PartialEpoch.START;
                long started = System.nanoTime();
                double learningRate = scheduler.learningRate();
                int[] order = RandomSplit.permutation(train.size(), shuffler);
                long seen = partial.examplesSeen();
                long correct = partial.correct();
                double lossSum = partial.lossSum();
                for (int b = resumed ? start.batchesDone() : 0; b < batches; b++) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new TrainingCancelledException(epoch, b + 1);
                    }
                    int from = b * batchSize;
                    int to = (int) Math.min(train.size(), (long) from + batchSize);
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
                    if (options.checkpointEveryBatches() > 0 && (b + 1) % options.checkpointEveryBatches() == 0
                            && b + 1 < batches && options.checkpoints().isPresent()) {
                        PartialEpoch sofar = new PartialEpoch(seen, correct, lossSum,
                                partial.seconds() + (System.nanoTime() - started) / 1e9);
                        options.checkpoints().get().save(new TrainingState(model.stateDict(), optimizer.state(),
                                summaries, b + 1, sofar, best, tracker.bestEpoch()));
                    }
                }
                if (!Double.isFinite(lossSum)) {
                    throw new TrainingDivergedException(epoch, learningRate);
                }
                Evaluation evaluation = evaluator.evaluate(model, validation);
                ValidationScores scores = validation.size() > 0
                        ? new ValidationScores(evaluation.accuracy(), evaluation.meanLoss(), evaluation.macroF1())
                        : ValidationScores.NONE;
                scheduler.afterEpoch(scores);
                boolean improved = tracker.observe(epoch, scores);
                EpochSummary summary = new EpochSummary(epoch, lossSum / seen, (double) correct / seen,
                        scores.accuracy(), learningRate, partial.seconds() + (System.nanoTime() - started) / 1e9,
                        scores.loss(), scores.macroF1());
                summaries.add(summary);
                StateDict current = null;
                if (improved && options.keepBest()) {
                    current = model.stateDict();
                    best = Optional.of(current);
                }
                stopReason = stopReason(tracker);
                listener.onEpochEnd(summary);
                if (options.checkpoints().isPresent()) {
                    options.checkpoints().get().save(new TrainingState(current != null ? current : model.stateDict(),
                            optimizer.state(), summaries, 0, PartialEpoch.START, best, tracker.bestEpoch()));
                }
            }
            return new Result(model.stateDict(), summaries, best, tracker.bestEpoch(), stopReason);
        }
    }

    private String stopReason(ImprovementTracker tracker) {
        return settings.patience() > 0 && tracker.epochsWithoutImprovement() >= settings.patience()
                ? tracker.describe() : "";
    }
}
