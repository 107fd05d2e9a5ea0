package io.textclf.domain.train;

import io.textclf.domain.backend.ComputeBackend;
import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.data.RandomSplit;
import io.textclf.domain.metrics.Evaluation;
import io.textclf.domain.model.DistinctRows;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.TrainableModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
     * @throws InvalidSettingException  of {@code threads}, for several threads with an optimizer other than plain
     *                                  SGD ({@link #requireThreadsSupported})
     */
    public Result train(TrainingState start, EncodedCorpus train, EncodedCorpus validation, TrainingListener listener,
                        TrainerOptions options) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("the training split is empty: the validation fraction "
                    + settings.validationFraction() + " took all " + validation.size() + " rows; give more rows, or a "
                    + "smaller validation fraction (0 for none)");
        }
        if (validation.size() == 0 && (settings.patience() > 0
                || settings.scheduler() instanceof SchedulerSpec.ReduceOnPlateau)) {
            throw new IllegalArgumentException("early stopping and reduce-on-plateau need a validation split, "
                    + "but it is empty");
        }
        int classes = start.parameters().dims().numClasses();
        int batchSize = settings.batchSize();
        int batches = (int) ((train.size() + (long) batchSize - 1) / batchSize);
        if (!start.endsWithin(settings.epochs()) || start.batchesDone() >= batches) {
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
        String stopReason = stopReason(settings, tracker);
        requireThreadsSupported(settings.optimizer(), options.threads());
        try (TrainableModel model = options.startHandedOver() ? backend.trainableTakingOver(start.parameters())
                : backend.trainable(start.parameters());
             Workers workers = new Workers(options.threads() > 1
                     ? backend.sharingParameters(model, options.threads()) : List.of())) {
            Optimizer optimizer = backend.optimizer(settings.optimizer(), model);
            if (!start.optimizer().isEmpty()) {
                optimizer.load(start.optimizer());
            }
            List<Optimizer> workerOptimizers = workers.models.stream()
                    .map(worker -> backend.optimizer(settings.optimizer(), worker)).toList();
            DistinctRows.Finder finder = workers.models.isEmpty() && model.usesDistinctRows()
                    ? new DistinctRows.Finder(start.parameters().dims().vocabSize(), model.usesNeighbouringBatches())
                    : null;
            boolean hints = model.usesNeighbouringBatches();
            for (int epoch = start.completedEpochs() + 1; epoch <= settings.epochs() && stopReason.isEmpty(); epoch++) {
                boolean resumed = epoch == start.completedEpochs() + 1;
                int[] order = RandomSplit.permutation(train.size(), shuffler);
                EpochTally tally = new EpochTally(epoch, batches, scheduler.learningRate(), options.threads(), listener,
                        resumed ? start.partial() : PartialEpoch.START, resumed ? start.batchesDone() : 0);
                if (workers.models.isEmpty()) {
                    try (BatchFeeder feeder = new BatchFeeder(train, order, batchSize, tally.batchesDone(), batches,
                            finder)) {
                        for (int b = tally.batchesDone(); b < batches; b++) {
                            if (Thread.currentThread().isInterrupted()) {
                                throw new TrainingCancelledException(epoch, b + 1);
                            }
                            step(model, optimizer, next(feeder, epoch, b), hints ? feeder : null, classes, tally);
                            if (options.checkpointEveryBatches() > 0 && (b + 1) % options.checkpointEveryBatches() == 0
                                    && b + 1 < batches && options.checkpoints().isPresent()) {
                                options.checkpoints().get().save(new TrainingState(model.stateDict(),
                                        optimizer.state(), summaries, b + 1, tally.partial(), best,
                                        tracker.bestEpoch()));
                            }
                        }
                    }
                } else {
                    hogwild(workers.models, workerOptimizers, train, order, batches, classes, tally, epoch);
                }
                if (!Double.isFinite(tally.lossSum())) {
                    throw new TrainingDivergedException(epoch, tally.learningRate(), settings.initRange());
                }
                Evaluation evaluation = evaluator.evaluate(model, validation);
                ValidationScores scores = validation.size() > 0
                        ? ValidationScores.of(evaluation)
                        : ValidationScores.NONE;
                scheduler.afterEpoch(scores);
                boolean improved = tracker.observe(epoch, scores);
                EpochSummary summary = tally.summary(scores);
                summaries.add(summary);
                StateDict current = null;
                if (improved && options.keepBest()) {
                    current = model.stateDict();
                    best = Optional.of(current);
                }
                stopReason = stopReason(settings, tracker);
                listener.onEpochEnd(summary);
                if (options.checkpoints().isPresent()) {
                    options.checkpoints().get().save(new TrainingState(current != null ? current : model.stateDict(),
                            optimizer.state(), summaries, 0, PartialEpoch.START, best, tracker.bestEpoch()));
                }
            }
            options.atEnd().ifPresent(atEnd -> atEnd.accept(model));
            return new Result(model.takeParameters(), summaries, best, tracker.bestEpoch(), stopReason);
        }
    }

    /** Batch {@code b} of the epoch from {@code feeder}; interrupted while waiting, the run is cancelled. */
    private static BatchFeeder.Batch next(BatchFeeder feeder, int epoch, int b) {
        try {
            return feeder.next();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingCancelledException(epoch, b + 1);
        }
    }

    /**
     * One step on {@code batch}: forward, loss, backward, clipping, update; {@code feeder}, when not null, hands over
     * the batches after it, and the model hears which rows the next one reads (it asked for such hints).
     */
    private void step(TrainableModel model, Optimizer optimizer, BatchFeeder.Batch batch, BatchFeeder feeder,
                      int classes, EpochTally tally) {
        int[] labels = batch.labels();
        float[] logits = model.forward(batch.tokens(), batch.rows());
        if (feeder != null && batch.rows() != null) {
            DistinctRows later = feeder.peekRows();
            if (later != null) {
                model.willRead(later);
            }
        }
        LossOutput output = loss.compute(logits, labels, classes);
        model.backward(output.logitGradient());
        GradientClipping.clip(model, settings.clipNorm());
        optimizer.step(tally.learningRate());
        int correct = 0;
        for (int r = 0; r < labels.length; r++) {
            if (Argmax.row(logits, r, classes) == labels[r]) {
                correct++;
            }
        }
        tally.record(labels.length, correct, output.loss() * labels.length, batch.words());
    }

    /**
     * Refuses more than one training thread with an optimizer other than plain SGD: Hogwild updates keep no optimizer
     * state.
     *
     * @throws InvalidSettingException of the setting {@code threads}
     */
    public static void requireThreadsSupported(OptimizerSpec optimizer, int threads) {
        if (threads > 1 && !(optimizer instanceof OptimizerSpec.Sgd)) {
            throw new InvalidSettingException("threads", threads + " needs plain sgd (Hogwild updates keep no "
                    + "optimizer state), not " + optimizer.describe() + ": train on one thread, or with plain sgd");
        }
    }

    /**
     * One epoch on several threads, lock-free (Hogwild, as fastText trains): thread {@code w} takes the
     * {@code w}-th contiguous share of the shuffled batches and updates the shared parameters without
     * waiting for the others. The calling thread is worker 0 and watches for interruption.
     */
    private void hogwild(List<TrainableModel> models, List<Optimizer> optimizers, EncodedCorpus train, int[] order,
                         int batches, int classes, EpochTally tally, int epoch) {
        int threads = models.size();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Runnable> shares = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int worker = w;
            shares.add(() -> {
                try {
                    for (int b = worker * batches / threads; b < (worker + 1) * batches / threads && !stop.get(); b++) {
                        if (worker == 0 && Thread.currentThread().isInterrupted()) {
                            cancelled.set(true);
                            stop.set(true);
                            return;
                        }
                        step(models.get(worker), optimizers.get(worker),
                                BatchFeeder.prepare(train, order, settings.batchSize(), b, null), null, classes, tally);
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                    stop.set(true);
                }
            });
        }
        List<Thread> others = new ArrayList<>();
        for (int w = 1; w < threads; w++) {
            Thread thread = new Thread(shares.get(w), "textclf-train-" + w);
            thread.setDaemon(true);
            thread.start();
            others.add(thread);
        }
        shares.get(0).run();
        boolean interrupted = false;
        for (Thread thread : others) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                    cancelled.set(true);
                    stop.set(true);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        if (cancelled.get()) {
            throw new TrainingCancelledException(epoch, tally.batchesDone() + 1);
        }
    }

    /** Parameters-sharing worker models, closed with the run. */
    private record Workers(List<TrainableModel> models) implements AutoCloseable {
        @Override
        public void close() {
            models.forEach(TrainableModel::close);
        }
    }

    private static String stopReason(TrainingSettings settings, ImprovementTracker tracker) {
        return settings.patience() > 0 && tracker.epochsWithoutImprovement() >= settings.patience()
                ? tracker.describe() : "";
    }

    /**
     * Why a run with {@code settings} that has done {@code epochs} stops there by early stopping, as it would say it;
     * empty when it would go on (or has no early stopping).
     */
    public static String stopReason(TrainingSettings settings, List<EpochSummary> epochs) {
        ImprovementTracker tracker = new ImprovementTracker(settings.monitor(), settings.minDelta());
        for (EpochSummary done : epochs) {
            tracker.observe(done.epoch(), done.validation());
        }
        return stopReason(settings, tracker);
    }
}
