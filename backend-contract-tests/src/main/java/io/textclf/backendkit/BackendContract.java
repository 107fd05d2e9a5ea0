package io.textclf.backendkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.backend.BackendException;
import io.textclf.domain.backend.BackendFactory;
import io.textclf.domain.backend.BackendSettings;
import io.textclf.domain.backend.ComputeBackend;
import io.textclf.domain.backend.Device;
import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.data.RandomSplit;
import io.textclf.domain.model.Model;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.reference.ReferenceBackend;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.Evaluator;
import io.textclf.domain.train.GradientClipping;
import io.textclf.domain.train.Lockstep;
import io.textclf.domain.train.LossOutput;
import io.textclf.domain.train.Optimizer;
import io.textclf.domain.train.OptimizerSpec;
import io.textclf.domain.train.Trainer;
import io.textclf.domain.train.TrainingListener;
import io.textclf.domain.train.TrainingSettings;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The contract of a compute backend, as one abstract JUnit 5 suite: a backend's tests subclass it and
 * name the factory under test. It checks that the backend is found by {@link ServiceLoader} under its
 * name; keeps PyTorch's {@code state_dict} names and shapes; computes the reference backend's logits,
 * losses, gradient norms and parameters over 100 of the tutorial's steps on ag_news_mini; lands within
 * one point of the reference's test accuracy after the tutorial's default training; refuses the
 * optimizers and devices it lacks in the shared wording; refuses work once closed; and, on hand-made
 * batches (empty documents, repeated tokens, an all-empty batch, a non-zero bias), matches the
 * reference's logits, gradients and steps, changes only the embedding rows of the batch, answers
 * {@code logits} from several threads, loads parameters and refuses misuse.
 *
 * <p>Subclasses override {@link #optimizers()} and {@link #devicesItLacks()} where the defaults (SGD
 * only; no GPU) do not fit. Engine-specific behaviour (memory, native libraries, device choice) stays
 * in the backend's own tests.
 */
public abstract class BackendContract {

    private static final int STEPS = 100;
    private static final double ACCURACY_TOLERANCE = 0.01;
    private static Double referenceAccuracy;

    private ComputeBackend backend;

    /** The factory of the backend under test, as its {@code META-INF/services} entry names it. */
    protected abstract BackendFactory factory();

    /** The optimizers the backend implements; every other one must be refused. Default: plain SGD. */
    protected Set<Class<? extends OptimizerSpec>> optimizers() {
        return Set.of(OptimizerSpec.Sgd.class);
    }

    /** Devices the backend lacks on this machine, each to be refused. Default: the first CUDA GPU. */
    protected List<Device> devicesItLacks() {
        return List.of(new Device.Cuda(0));
    }

    /** The largest difference of a parameter from the reference's after 100 steps. */
    protected double parameterTolerance() {
        return 1e-4;
    }

    /** What the backend is built from: the device, and a cache folder under {@code target/}. */
    protected BackendSettings settings(Device device) {
        return new BackendSettings(device, Path.of("target", "backend-cache").toAbsolutePath());
    }

    /** The backend under test on the CPU, created once per test instance. */
    protected final ComputeBackend backend() {
        if (backend == null) {
            backend = factory().create(settings(new Device.Cpu()));
        }
        return backend;
    }

    @Test
    void isFoundByTheServiceLoaderUnderItsName() {
        String name = factory().name();
        assertTrue(ServiceLoader.load(BackendFactory.class).stream()
                        .anyMatch(p -> p.type() == factory().getClass()),
                factory().getClass().getName() + " is not listed in META-INF/services/" + BackendFactory.class.getName());
        assertTrue(name.matches("[a-z][a-z0-9_-]*"), "a backend's name is short and lower-case: " + name);
        assertEquals(name, backend().name());
        assertDoesNotThrow(backend()::describe);
    }

    @Test
    void keepsPyTorchStateDictNamesAndShapes() {
        StateDict initial = AgNewsMini.get().initial();
        try (TrainableModel trainable = backend().trainable(initial);
             Model inference = backend().inference(initial)) {
            for (Model model : List.of(trainable, inference)) {
                StateDict state = model.stateDict();
                assertEquals(List.of(StateDict.EMBEDDING_WEIGHT, StateDict.FC_WEIGHT, StateDict.FC_BIAS),
                        List.copyOf(state.tensors().keySet()));
                for (String name : state.tensors().keySet()) {
                    assertArrayEquals(initial.get(name).shape(), state.get(name).shape(), name);
                }
                assertEquals(0.0, initial.maxAbsDifference(state), "parameters are loaded as given");
                assertEquals(initial.dims(), model.dims());
            }
        }
    }

    @Test
    void logitsAreOneRowOfClassScoresPerDocumentAsTheReferenceComputes() {
        AgNewsMini data = AgNewsMini.get();
        TokenBatch batch = data.batch(0);
        try (Model expected = new ReferenceBackend().inference(data.initial());
             Model actual = backend().inference(data.initial())) {
            float[] want = expected.logits(batch);
            float[] got = actual.logits(batch);
            assertEquals(batch.size() * data.classes(), got.length);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-5, "logit " + i);
            }
        }
    }

    @Test
    void hundredTutorialStepsMatchTheReference() {
        AgNewsMini data = AgNewsMini.get();
        TrainingSettings settings = TrainingSettings.tutorial();
        Lockstep.Result run = Lockstep.run(new ReferenceBackend(), backend(), data.initial(), data.shuffled(), STEPS,
                new CrossEntropyLoss(), settings.learningRate(), settings.clipNorm());
        for (int step = 0; step < STEPS; step++) {
            Lockstep.Step seen = run.steps().get(step);
            assertTrue(seen.lossDifference() <= 1e-4, "loss of step " + (step + 1) + ": " + seen);
            assertTrue(seen.normDifference() <= 1e-4, "gradient norm of step " + (step + 1) + ": " + seen);
        }
        int clipped = run.clippedSteps(settings.clipNorm());
        assertTrue(clipped > STEPS / 2, "the tutorial's steps are mostly clipped, so clipping is exercised: " + clipped);
        assertTrue(run.parameterDifference() <= parameterTolerance(),
                "parameters after " + STEPS + " steps differ by " + run.parameterDifference());
        assertTrue(run.movement() > 0.01, "training must have moved the parameters");
    }

    @Test
    void defaultTrainingLandsWithinOnePointOfTheReference() {
        double expected = referenceAccuracy();
        double actual = defaultTrainingAccuracy(backend());
        assertEquals(expected, actual, ACCURACY_TOLERANCE,
                "ag_news_mini test accuracy: reference " + expected + ", " + factory().name() + " " + actual);
        assertTrue(actual > 0.8, "ag_news_mini test accuracy " + actual);
    }

    @Test
    void refusesTheOptimizersItLacksNamingThem() {
        List<OptimizerSpec> all = List.of(new OptimizerSpec.Sgd(), new OptimizerSpec.SgdMomentum(0.9, 0, 0, false),
                OptimizerSpec.Adagrad.defaults(), OptimizerSpec.Adam.defaults());
        try (TrainableModel model = backend().trainable(AgNewsMini.get().initial())) {
            for (OptimizerSpec spec : all) {
                if (optimizers().contains(spec.getClass())) {
                    assertDoesNotThrow(() -> backend().optimizer(spec, model), spec.describe());
                } else {
                    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                            () -> backend().optimizer(spec, model), spec.describe());
                    assertTrue(e.getMessage().startsWith("the " + factory().name() + " backend ")
                            && e.getMessage().contains(spec.describe()), e.getMessage());
                }
            }
        }
    }

    @Test
    void refusesTheDevicesItLacksInTheSharedWording() {
        for (Device device : devicesItLacks()) {
            BackendException e = assertThrows(BackendException.class, () -> {
                ComputeBackend onDevice = factory().create(settings(device));
                onDevice.describe();
            }, device.spelled());
            String expected = BackendException.deviceUnavailable(factory().name(), device, "").getMessage();
            assertTrue(e.getMessage().startsWith(expected) && e.getMessage().length() > expected.length(),
                    e.getMessage());
        }
        ComputeBackend auto = factory().create(settings(new Device.Auto()));
        assertDoesNotThrow(auto::describe);
        assertFalse(auto.device() instanceof Device.Auto, "a started backend names the device auto chose");
        assertEquals(new Device.Cpu(), factory().create(settings(new Device.Cpu())).device());
    }

    @Test
    void aClosedModelRefusesWorkAndClosesTwiceQuietly() {
        AgNewsMini data = AgNewsMini.get();
        TrainableModel model = backend().trainable(data.initial());
        model.forward(data.batch(0));
        model.close();
        assertDoesNotThrow(model::close);
        assertThrows(IllegalStateException.class, () -> model.logits(data.batch(0)));
        assertThrows(IllegalStateException.class, () -> model.forward(data.batch(0)));
        assertThrows(IllegalStateException.class, model::stateDict);
        try (Model inference = backend().inference(data.initial())) {
            inference.close();
            assertThrows(IllegalStateException.class, () -> inference.logits(data.batch(0)));
            assertThrows(IllegalStateException.class, inference::stateDict);
        }
    }

    // --- hand-made batches: empty documents, repeated tokens, an all-empty batch, a non-zero bias ---

    private static final ModelDims DIMS = new ModelDims(50, 8, 3);
    private static final StateDict SMALL = withBias(new UniformInitializer(0.5, 7).initialize(DIMS));
    private static final TokenBatch BATCH = TokenBatch.of(
            new int[] {1, 2, 2, 49}, new int[0], new int[] {0}, new int[] {5, 5, 5, 5, 5, 1, 2});
    private static final int[] LABELS = {0, 2, 1, 1};

    @Test
    void logitsMatchTheReferenceAndAnEmptyDocumentGivesExactlyTheBias() {
        try (TrainableModel expected = new ReferenceBackend().trainable(SMALL);
             TrainableModel actual = backend().trainable(SMALL)) {
            float[] want = expected.logits(BATCH);
            float[] got = actual.logits(BATCH);
            assertArrayEquals(want, got, 1e-6f);
            assertArrayEquals(got, actual.forward(BATCH), 1e-6f, "forward and logits agree");
            assertArrayEquals(SMALL.get(StateDict.FC_BIAS).values(), new float[] {got[3], got[4], got[5]},
                    "an empty document's logits are the bias");
        }
    }

    @Test
    void stepsMatchTheReferenceWithAndWithoutClipping() {
        ReferenceBackend reference = new ReferenceBackend();
        CrossEntropyLoss loss = new CrossEntropyLoss();
        try (TrainableModel expected = reference.trainable(SMALL); TrainableModel actual = backend().trainable(SMALL)) {
            Optimizer expectedSgd = reference.optimizer(new OptimizerSpec.Sgd(), expected);
            Optimizer actualSgd = backend().optimizer(new OptimizerSpec.Sgd(), actual);
            for (double clip : new double[] {0.1, 1e9, 0.01}) {
                LossOutput want = loss.compute(expected.forward(BATCH), LABELS, DIMS.numClasses());
                LossOutput got = loss.compute(actual.forward(BATCH), LABELS, DIMS.numClasses());
                assertEquals(want.loss(), got.loss(), 1e-6);
                expected.backward(want.logitGradient());
                actual.backward(got.logitGradient());
                assertEquals(expected.gradientNorm(), actual.gradientNorm(), 1e-6);
                assertEquals(GradientClipping.clip(expected, clip), GradientClipping.clip(actual, clip), 1e-6);
                assertEquals(expected.gradientNorm(), actual.gradientNorm(), 1e-6, "norm after clipping");
                expectedSgd.step(5);
                actualSgd.step(5);
                assertEquals(0, expected.stateDict().maxAbsDifference(actual.stateDict()), 1e-6);
            }
        }
    }

    @Test
    void sgdChangesOnlyTheEmbeddingRowsOfTheBatch() {
        try (TrainableModel model = backend().trainable(SMALL)) {
            LossOutput output = new CrossEntropyLoss().compute(model.forward(BATCH), LABELS, DIMS.numClasses());
            model.backward(output.logitGradient());
            backend().optimizer(new OptimizerSpec.Sgd(), model).step(5);
            float[] before = SMALL.get(StateDict.EMBEDDING_WEIGHT).values();
            float[] after = model.stateDict().get(StateDict.EMBEDDING_WEIGHT).values();
            List<Integer> changed = new ArrayList<>();
            for (int row = 0; row < DIMS.vocabSize(); row++) {
                for (int k = 0; k < DIMS.embeddingDim(); k++) {
                    if (before[row * DIMS.embeddingDim() + k] != after[row * DIMS.embeddingDim() + k]) {
                        changed.add(row);
                        break;
                    }
                }
            }
            assertEquals(List.of(0, 1, 2, 5, 49), changed);
        }
    }

    @Test
    void aBatchWithoutTokensGivesTheBiasAndTrainsOnlyTheLinearLayer() {
        TokenBatch empty = TokenBatch.of(new int[0], new int[0]);
        float[] gradient = {0.1f, -0.2f, 0.1f, 0.3f, 0f, -0.3f};
        ReferenceBackend reference = new ReferenceBackend();
        try (TrainableModel expected = reference.trainable(SMALL); TrainableModel actual = backend().trainable(SMALL)) {
            assertArrayEquals(expected.forward(empty), actual.forward(empty), 0f);
            expected.backward(gradient);
            actual.backward(gradient);
            assertEquals(expected.gradientNorm(), actual.gradientNorm(), 1e-7);
            reference.optimizer(new OptimizerSpec.Sgd(), expected).step(1);
            backend().optimizer(new OptimizerSpec.Sgd(), actual).step(1);
            assertEquals(0, expected.stateDict().maxAbsDifference(actual.stateDict()), 1e-7);
            assertEquals(0, actual.logits(TokenBatch.of()).length, "no documents, no logits");
        }
    }

    @Test
    void scaledGradientsGiveAScaledNorm() {
        try (TrainableModel model = backend().trainable(SMALL)) {
            model.backward(new CrossEntropyLoss().compute(model.forward(BATCH), LABELS, 3).logitGradient());
            double norm = model.gradientNorm();
            model.scaleGradients(0.25);
            assertEquals(norm * 0.25, model.gradientNorm(), 1e-6 * norm);
        }
    }

    /**
     * Concurrent {@code logits} calls give the single-threaded answer, while another thread keeps the collector
     * busy: memory that a native engine reads must stay reachable until the engine is done with it (DJL's
     * sparse bag matrix once read index buffers the collector had freed).
     */
    @Test
    void logitsAreThreadSafe() throws Exception {
        AtomicBoolean collecting = new AtomicBoolean(true);
        Thread collector = new Thread(() -> {
            while (collecting.get()) {
                System.gc();
            }
        }, "contract-collector");
        try (Model model = backend().inference(SMALL)) {
            float[] expected = model.logits(BATCH);
            collector.start();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<float[]>> results = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    results.add(pool.submit(() -> model.logits(BATCH)));
                }
                for (Future<float[]> result : results) {
                    assertArrayEquals(expected, result.get());
                }
            } finally {
                pool.shutdown();
            }
        } finally {
            collecting.set(false);
            if (collector.isAlive()) {
                collector.join();
            }
        }
    }

    @Test
    void loadReplacesTheParametersAndStateDictReadsThemBack() {
        StateDict other = new UniformInitializer(0.5, 99).initialize(DIMS);
        try (TrainableModel model = backend().trainable(SMALL)) {
            assertEquals(SMALL, model.stateDict());
            model.load(other);
            assertEquals(other, model.stateDict());
            ModelDims larger = new ModelDims(DIMS.vocabSize() + 1, DIMS.embeddingDim(), DIMS.numClasses());
            assertEquals("parameters of " + larger + " do not fit a model of " + DIMS, assertThrows(
                    IllegalArgumentException.class,
                    () -> model.load(new UniformInitializer(0.5, 1).initialize(larger))).getMessage());
        }
    }

    @Test
    void takenParametersAreTheTrainedOnesAndTheModelStillCloses() {
        TrainableModel model = backend().trainable(SMALL);
        model.backward(new CrossEntropyLoss().compute(model.forward(BATCH), LABELS, DIMS.numClasses()).logitGradient());
        backend().optimizer(new OptimizerSpec.Sgd(), model).step(0.5);
        StateDict trained = model.stateDict();
        assertNotEquals(SMALL, trained);
        assertEquals(trained, model.takeParameters());
        assertDoesNotThrow(model::close);
    }

    @Test
    void misuseFailsClearly() {
        try (TrainableModel model = backend().trainable(SMALL)) {
            assertThrows(IllegalStateException.class, () -> model.backward(new float[12]), "backward before forward");
            assertEquals("token ids must be in [0, " + DIMS.vocabSize() + "), document 1 of the batch has "
                    + DIMS.vocabSize(), assertThrows(IllegalArgumentException.class, () -> model.logits(
                    TokenBatch.of(new int[] {1}, new int[] {2, DIMS.vocabSize()}))).getMessage(),
                    "a token id beyond the vocabulary");
            model.forward(BATCH);
            assertThrows(IllegalArgumentException.class, () -> model.backward(new float[5]), "a gradient of another shape");
            TrainableModel foreign = (TrainableModel) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {TrainableModel.class}, (proxy, method, arguments) -> {
                        throw new UnsupportedOperationException(method.getName());
                    });
            assertThrows(IllegalArgumentException.class, () -> backend().optimizer(new OptimizerSpec.Sgd(), foreign),
                    "another backend's model");
        }
    }

    /** The initializer's parameters with a non-zero bias, so that the bias path is checked too. */
    private static StateDict withBias(StateDict parameters) {
        return StateDict.of(parameters.get(StateDict.EMBEDDING_WEIGHT), parameters.get(StateDict.FC_WEIGHT),
                new Tensor(new int[] {3}, new float[] {0.1f, -0.2f, 0.05f}));
    }

    private static synchronized double referenceAccuracy() {
        if (referenceAccuracy == null) {
            referenceAccuracy = defaultTrainingAccuracy(new ReferenceBackend());
        }
        return referenceAccuracy;
    }

    /** Test accuracy on ag_news_mini after the tutorial's default training on {@code compute}. */
    private static double defaultTrainingAccuracy(ComputeBackend compute) {
        AgNewsMini data = AgNewsMini.get();
        TrainingSettings settings = TrainingSettings.tutorial();
        EncodedCorpus[] split = new RandomSplit(settings.validationFraction(), settings.seed()).split(data.train());
        Trainer.Result result = new Trainer(compute, new CrossEntropyLoss(), settings)
                .train(data.initial(), split[0], split[1], TrainingListener.NONE);
        try (Model model = compute.inference(result.parameters())) {
            return new Evaluator(new CrossEntropyLoss()).evaluate(model, data.test()).accuracy();
        }
    }
}
