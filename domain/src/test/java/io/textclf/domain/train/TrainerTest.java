package io.textclf.domain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.backend.ComputeBackend;
import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.data.RandomSplit;
import io.textclf.domain.metrics.Evaluation;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.reference.ReferenceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The training loop's mechanics: events, cancellation, determinism and the tutorial's step and schedule. */
class TrainerTest {

    private static final ModelDims DIMS = new ModelDims(12, 4, 3);
    /** 3 epochs, lr 5, batches of 8, gamma 0.1, step size 1, clip 0.1, a quarter held out. */
    private static final TrainingSettings SETTINGS =
            new TrainingSettings(3, 5.0, 8, 4, 0.1, 1, 0.1, 0.25, 11, 0.5, 1, 0, 1);

    private final ReferenceBackend backend = new ReferenceBackend();
    private final EncodedCorpus[] split = new RandomSplit(SETTINGS.validationFraction(), SETTINGS.seed()).split(corpus(40));
    private final EncodedCorpus train = split[0];
    private final EncodedCorpus validation = split[1];
    private final StateDict initial = new UniformInitializer(0.5, SETTINGS.seed()).initialize(DIMS);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void listenerSeesEveryBatchInOrderThenOneSummaryPerEpoch() {
        Recorder recorder = new Recorder();
        Trainer.Result result = trainer(SETTINGS).train(initial, train, validation, recorder);

        assertEquals(30, train.size());
        List<Object> expected = new ArrayList<>();
        int[] seen = {8, 16, 24, 30};
        int next = 0;
        for (int epoch = 1; epoch <= 3; epoch++) {
            double lossSum = 0;
            for (int batch = 1; batch <= 4; batch++) {
                BatchProgress progress = (BatchProgress) recorder.events.get(next++);
                assertEquals(epoch, progress.epoch());
                assertEquals(batch, progress.batch());
                assertEquals(4, progress.batchesPerEpoch());
                assertEquals(seen[batch - 1], progress.examplesSeen());
                assertTrue(progress.correct() >= 0 && progress.correct() <= progress.examplesSeen());
                assertTrue(progress.lossSum() > lossSum, "the loss sum grows with every batch");
                lossSum = progress.lossSum();
                expected.add(progress);
            }
            BatchProgress last = (BatchProgress) recorder.events.get(next - 1);
            EpochSummary summary = assertInstanceOf(EpochSummary.class, recorder.events.get(next++));
            assertEquals(epoch, summary.epoch());
            assertEquals(last.meanLoss(), summary.trainLoss(), 1e-12);
            assertEquals(last.accuracy(), summary.trainAccuracy(), 1e-12);
            assertEquals(last.learningRate(), summary.learningRate());
            assertTrue(summary.validationAccuracy() >= 0 && summary.validationAccuracy() <= 1);
            expected.add(summary);
        }
        assertEquals(expected, recorder.events);
        assertEquals(recorder.summaries(), result.epochs());
    }

    @Test
    void lastValidationAccuracyIsThatOfTheReturnedParameters() {
        Trainer.Result result = trainer(SETTINGS).train(initial, train, validation, TrainingListener.NONE);
        try (TrainableModel model = backend.trainable(result.parameters())) {
            Evaluation evaluation = new Evaluator(new CrossEntropyLoss()).evaluate(model, validation);
            assertEquals(evaluation.accuracy(), result.epochs().get(2).validationAccuracy());
        }
    }

    @Test
    void theEndHookGetsTheTrainedModelOnceBeforeItIsClosed() {
        List<Evaluation> atEnd = new ArrayList<>();
        Trainer.Result result = trainer(SETTINGS).train(TrainingState.start(initial), train, validation,
                TrainingListener.NONE, TrainerOptions.NONE.withAtEnd(model -> {
                    assertEquals(initial.dims(), model.dims());
                    atEnd.add(new Evaluator(new CrossEntropyLoss()).evaluate(model, validation));
                }));
        assertEquals(1, atEnd.size());
        try (TrainableModel model = backend.trainable(result.parameters())) {
            Evaluation ofReturned = new Evaluator(new CrossEntropyLoss()).evaluate(model, validation);
            assertEquals(ofReturned.accuracy(), atEnd.get(0).accuracy());
            assertEquals(ofReturned.meanLoss(), atEnd.get(0).meanLoss());
        }
    }

    @Test
    void startParametersHandedOverAreTrainedInPlaceWithTheSameResult() {
        Trainer.Result copied = trainer(SETTINGS).train(initial, train, validation, TrainingListener.NONE);
        StateDict handedOver = new UniformInitializer(0.5, SETTINGS.seed()).initialize(DIMS);
        float[] embedding = handedOver.get(StateDict.EMBEDDING_WEIGHT).sharedValues();
        Trainer.Result inPlace = trainer(SETTINGS).train(TrainingState.start(handedOver), train, validation,
                TrainingListener.NONE, TrainerOptions.NONE.withStartHandedOver());
        assertEquals(copied.parameters(), inPlace.parameters());
        assertSame(embedding, inPlace.parameters().get(StateDict.EMBEDDING_WEIGHT).sharedValues(), "no copy");
        assertEquals(new UniformInitializer(0.5, SETTINGS.seed()).initialize(DIMS), initial, "a copied start is kept");
    }

    @Test
    void sameSeedGivesIdenticalParameters() {
        Trainer.Result one = trainer(SETTINGS).train(initial, train, validation, TrainingListener.NONE);
        Trainer.Result two = trainer(SETTINGS).train(initial, train, validation, TrainingListener.NONE);
        assertEquals(one.parameters(), two.parameters());
        assertEquals(one.epochs().get(2).trainLoss(), two.epochs().get(2).trainLoss());
        assertNotEquals(initial, one.parameters(), "training must change the parameters");
    }

    @Test
    void anotherSeedShufflesDifferently() {
        Trainer.Result one = trainer(SETTINGS).train(initial, train, validation, TrainingListener.NONE);
        Trainer.Result two = trainer(SETTINGS.withSeed(12)).train(initial, train, validation, TrainingListener.NONE);
        assertNotEquals(one.parameters(), two.parameters());
    }

    @Test
    void interruptStopsBeforeTheNextStep() {
        Recorder recorder = new Recorder() {
            @Override
            public void onBatch(BatchProgress progress) {
                super.onBatch(progress);
                if (progress.epoch() == 2 && progress.batch() == 2) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        TrainingCancelledException cancelled = assertThrows(TrainingCancelledException.class,
                () -> trainer(SETTINGS).train(initial, train, validation, recorder));
        assertEquals("training cancelled in epoch 2 at batch 3", cancelled.getMessage());
        assertEquals(4 + 1 + 2, recorder.events.size(), "4 batches, a summary, then 2 batches");
        assertEquals(1, recorder.summaries().size());
    }

    @Test
    void interruptedBeforeStartDoesNoStep() {
        Recorder recorder = new Recorder();
        Thread.currentThread().interrupt();
        TrainingCancelledException cancelled = assertThrows(TrainingCancelledException.class,
                () -> trainer(SETTINGS).train(initial, train, validation, recorder));
        assertEquals("training cancelled in epoch 1 at batch 1", cancelled.getMessage());
        assertTrue(recorder.events.isEmpty());
    }

    @Test
    void anotherThreadCanCancelTheRun() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        TrainingListener waitForInterrupt = new TrainingListener() {
            @Override
            public void onBatch(BatchProgress progress) {
                running.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            }
        };
        Thread worker = new Thread(() -> {
            try {
                trainer(SETTINGS).train(initial, train, validation, waitForInterrupt);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        worker.start();
        assertTrue(running.await(10, TimeUnit.SECONDS));
        worker.interrupt();
        worker.join(10_000);
        assertFalse(worker.isAlive());
        assertInstanceOf(TrainingCancelledException.class, outcome.get());
    }

    @Test
    void theThreadThatPreparesBatchesEndsWithTheRun() {
        trainer(SETTINGS).train(initial, train, validation, TrainingListener.NONE);
        assertFalse(batchThreadAlive(), "after a whole run");
        Thread.currentThread().interrupt();
        assertThrows(TrainingCancelledException.class,
                () -> trainer(SETTINGS).train(initial, train, validation, TrainingListener.NONE));
        assertFalse(batchThreadAlive(), "after a cancelled run");
    }

    @Test
    void aTokenOutsideTheModelFailsTheRunWithWhatTheBatchThreadFound() {
        int[][] documents = new int[20][];
        int[] labels = new int[20];
        for (int i = 0; i < documents.length; i++) {
            documents[i] = new int[] {i % DIMS.vocabSize(), i == 13 ? DIMS.vocabSize() : 0};
            labels[i] = i % 3;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer(SETTINGS)
                .train(initial, new EncodedCorpus(documents, labels), validation, TrainingListener.NONE));
        assertTrue(e.getMessage().startsWith("token ids must be in [0, 12)"), e.getMessage());
        assertFalse(batchThreadAlive());
    }

    private static boolean batchThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("textclf-batches") && thread.isAlive());
    }

    @Test
    void withoutValidationTheRateNeverChanges() {
        EncodedCorpus none = new EncodedCorpus(new int[0][], new int[0]);
        Trainer.Result result = trainer(SETTINGS).train(initial, train, none, TrainingListener.NONE);
        for (EpochSummary summary : result.epochs()) {
            assertTrue(Double.isNaN(summary.validationAccuracy()));
            assertEquals(5.0, summary.learningRate());
        }
    }

    @Test
    void rejectsAnEmptyTrainingSplit() {
        EncodedCorpus none = new EncodedCorpus(new int[0][], new int[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(SETTINGS).train(initial, none, validation, TrainingListener.NONE));
        assertEquals("the training split is empty: the validation fraction " + SETTINGS.validationFraction()
                + " took all " + validation.size() + " rows; give more rows, or a smaller validation fraction "
                + "(0 for none)", e.getMessage());
    }

    @Test
    void eachStepIsForwardBackwardClipThenSgd() {
        ScriptedBackend scripted = new ScriptedBackend(new int[] {4}, 2.0);
        TrainingSettings settings = new TrainingSettings(1, 5.0, 4, 4, 0.1, 1, 0.1, 0, 1, 0.5, 1, 0, 1);
        new Trainer(scripted, new CrossEntropyLoss(), settings).train(initial, corpus(10), validationOfFour(),
                TrainingListener.NONE);

        List<String> step = List.of("forward", "backward", "norm",
                "step 5.0 on gradients scaled by " + 0.1 / (2.0 + GradientClipping.EPSILON));
        List<String> expected = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            expected.addAll(step);
        }
        expected.add("logits");
        expected.add("close");
        assertEquals(expected, scripted.calls);
        assertEquals(List.of(4, 4, 2), scripted.batchSizes);
    }

    @Test
    void smallNormsAreNotScaled() {
        ScriptedBackend scripted = new ScriptedBackend(new int[] {4}, 0.05);
        TrainingSettings settings = new TrainingSettings(1, 5.0, 10, 4, 0.1, 1, 0.1, 0, 1, 0.5, 1, 0, 1);
        new Trainer(scripted, new CrossEntropyLoss(), settings).train(initial, corpus(10), validationOfFour(),
                TrainingListener.NONE);
        assertEquals(List.of("forward", "backward", "norm", "step 5.0 on gradients scaled by 1.0", "logits", "close"),
                scripted.calls);
    }

    @Test
    void rateDropsTenfoldAfterEachEpochWhoseValidationFellBelowTheBest() {
        // validation accuracies 2/4, 3/4, 1/4, 2/4, 4/4: the third and fourth epochs are below the best 3/4
        ScriptedBackend scripted = new ScriptedBackend(new int[] {2, 3, 1, 2, 4}, 1.0);
        TrainingSettings settings = new TrainingSettings(5, 5.0, 64, 4, 0.1, 1, 0.1, 0, 1, 0.5, 1, 0, 1);
        Trainer.Result result = new Trainer(scripted, new CrossEntropyLoss(), settings)
                .train(initial, corpus(10), validationOfFour(), TrainingListener.NONE);

        List<Double> accuracies = result.epochs().stream().map(EpochSummary::validationAccuracy).toList();
        assertEquals(List.of(0.5, 0.75, 0.25, 0.5, 1.0), accuracies);
        List<Double> rates = result.epochs().stream().map(EpochSummary::learningRate).toList();
        assertEquals(5.0, rates.get(0));
        assertEquals(5.0, rates.get(1));
        assertEquals(5.0, rates.get(2));
        assertEquals(0.5, rates.get(3), 1e-15);
        assertEquals(0.05, rates.get(4), 1e-15);
        assertEquals(rates, scripted.stepRates);
    }

    /** A program's own schedule (the domain used as a library) drives the loop as the built-in ones do. */
    @Test
    void aProgramsOwnSchedulerSetsEachEpochsRate() {
        List<Double> seen = new ArrayList<>();
        SchedulerSpec.Custom halving = new SchedulerSpec.Custom("halving", "halves the rate after every epoch",
                settings -> new Scheduler() {
                    private double rate = settings.learningRate();

                    @Override
                    public double learningRate() {
                        return rate;
                    }

                    @Override
                    public void afterEpoch(double validationAccuracy) {
                        seen.add(validationAccuracy);
                        rate /= 2;
                    }
                });
        Trainer.Result result = trainer(SETTINGS.withScheduler(halving)).train(initial, train, validation,
                new Recorder());
        assertEquals(List.of(5.0, 2.5, 1.25), result.epochs().stream().map(EpochSummary::learningRate).toList());
        assertEquals(result.epochs().stream().map(EpochSummary::validationAccuracy).toList(), seen);
        assertEquals("halves the rate after every epoch", halving.describe(SETTINGS));
        assertFalse(halving.takesGamma() || halving.takesStepSize());
    }

    @Test
    void aCustomScheduleNeedsANameOfItsOwnAndRecordedOneCannotRun() {
        assertThrows(IllegalArgumentException.class, () -> new SchedulerSpec.Custom("step", "", s -> null));
        assertEquals("a custom schedule needs a one-word name that is none of [cosine, exponential, on-drop, plateau, "
                + "step, warmup], was none", assertThrows(IllegalArgumentException.class,
                        () -> new SchedulerSpec.Custom(null, "", s -> null)).getMessage());
        assertEquals(SchedulerSpec.Custom.BUILT_IN, java.util.stream.Stream.of(new SchedulerSpec.OnValidationDrop(),
                new SchedulerSpec.Step(), new SchedulerSpec.Exponential(), new SchedulerSpec.Cosine(1, 0),
                new SchedulerSpec.LinearWarmup(1, 1), SchedulerSpec.ReduceOnPlateau.defaults())
                .map(SchedulerSpec::name).collect(java.util.stream.Collectors.toSet()), "every built-in name is kept");
        assertThrows(IllegalArgumentException.class, () -> new SchedulerSpec.Custom("two-lines", "a\nb", s -> null));
        SchedulerSpec.Custom recorded = SchedulerSpec.Custom.recorded("halving", "halves the rate");
        assertEquals(SchedulerSpec.Custom.recorded("halving", "halves the rate"), recorded, "as a model file has it");
        assertEquals("the schedule 'halving' (halves the rate) is a program's own: only that program can run it, by "
                + "giving TrainingSettings.withScheduler its spec", assertThrows(IllegalStateException.class,
                        () -> recorded.create(SETTINGS)).getMessage());
        assertEquals(java.util.Optional.of("its schedule 'halving' (halves the rate) is the training program's own: "
                + "only that program can resume it"), recorded.whyNotResumable());
        assertEquals(java.util.Optional.empty(), new SchedulerSpec.OnValidationDrop().whyNotResumable());
        assertEquals(java.util.Optional.empty(), SchedulerSpec.ReduceOnPlateau.defaults().whyNotResumable());
    }

    @Test
    void anEpochsTrainLossIsTheMeanLossOfItsDocumentsAsScoredBeforeTheirStep() {
        TrainingSettings oneBatch = new TrainingSettings(1, 5.0, 64, 4, 0.1, 1, 0.1, 0.25, 11, 0.5, 1, 0, 1);
        Trainer.Result result = trainer(oneBatch).train(initial, train, validation, new Recorder());
        int[] rows = java.util.stream.IntStream.range(0, train.size()).toArray();
        try (TrainableModel model = backend.trainable(initial)) {
            float[] logits = model.logits(train.batch(rows, 0, rows.length));
            double expected = new CrossEntropyLoss().compute(logits, train.labels(rows, 0, rows.length),
                    DIMS.numClasses()).loss();
            assertEquals(expected, result.epochs().get(0).trainLoss(), 1e-6 * expected);
        }
    }

    private Trainer trainer(TrainingSettings settings) {
        return new Trainer(backend, new CrossEntropyLoss(), settings);
    }

    /** Label {@code i % 3}; two tokens of the label's own three, one of three shared noise tokens. */
    private static EncodedCorpus corpus(int rows) {
        MersenneTwister random = new MersenneTwister(5L);
        int[][] documents = new int[rows][];
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = i % 3;
            documents[i] = new int[] {labels[i] * 3 + random.nextInt(3), 9 + random.nextInt(3), labels[i] * 3 + random.nextInt(3)};
        }
        return new EncodedCorpus(documents, labels);
    }

    private static EncodedCorpus validationOfFour() {
        return new EncodedCorpus(new int[][] {{0}, {1}, {2}, {3}}, new int[] {0, 0, 0, 0});
    }

    private static class Recorder implements TrainingListener {
        final List<Object> events = new ArrayList<>();

        @Override
        public void onBatch(BatchProgress progress) {
            events.add(progress);
        }

        @Override
        public void onEpochEnd(EpochSummary summary) {
            events.add(summary);
        }

        List<EpochSummary> summaries() {
            return events.stream().filter(EpochSummary.class::isInstance).map(EpochSummary.class::cast).toList();
        }
    }

    /**
     * A backend whose model records what the trainer calls (a step with the scale clipping left on the
     * gradients of the last backward pass), reports a fixed gradient norm, and classifies
     * the first {@code correctByEpoch[epoch]} validation rows as class 0 (right) and the rest as class 1.
     */
    private static final class ScriptedBackend implements ComputeBackend {
        final List<String> calls = new ArrayList<>();
        final List<Integer> batchSizes = new ArrayList<>();
        final List<Double> stepRates = new ArrayList<>();
        private final int[] correctByEpoch;
        private final double norm;
        private int validations;
        private double scale = 1;

        ScriptedBackend(int[] correctByEpoch, double norm) {
            this.correctByEpoch = correctByEpoch;
            this.norm = norm;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public TrainableModel trainable(StateDict parameters) {
            return new TrainableModel() {
                @Override
                public float[] forward(TokenBatch batch) {
                    calls.add("forward");
                    batchSizes.add(batch.size());
                    return new float[batch.size() * DIMS.numClasses()];
                }

                @Override
                public void backward(float[] logitGradient) {
                    calls.add("backward");
                    scale = 1;
                }

                @Override
                public double gradientNorm() {
                    calls.add("norm");
                    return norm;
                }

                @Override
                public void scaleGradients(double factor) {
                    scale *= factor;
                }

                @Override
                public void load(StateDict loaded) {
                    calls.add("load");
                }

                @Override
                public ModelDims dims() {
                    return DIMS;
                }

                @Override
                public float[] logits(TokenBatch batch) {
                    calls.add("logits");
                    int correct = correctByEpoch[validations++];
                    float[] logits = new float[batch.size() * DIMS.numClasses()];
                    for (int r = 0; r < batch.size(); r++) {
                        logits[r * DIMS.numClasses() + (r < correct ? 0 : 1)] = 1;
                    }
                    return logits;
                }

                @Override
                public StateDict stateDict() {
                    return parameters;
                }

                @Override
                public void close() {
                    calls.add("close");
                }
            };
        }

        @Override
        public Optimizer optimizer(OptimizerSpec spec, TrainableModel model) {
            assertInstanceOf(OptimizerSpec.Sgd.class, spec);
            return learningRate -> {
                calls.add("step " + learningRate + " on gradients scaled by " + scale);
                stepRates.add(learningRate);
            };
        }
    }
}
