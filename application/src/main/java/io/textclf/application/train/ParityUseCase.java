package io.textclf.application.train;

import com.google.inject.Inject;
import io.textclf.application.backend.BackendRegistry;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.dataset.DatasetLoader;
import io.textclf.domain.backend.BackendException;
import io.textclf.domain.backend.ComputeBackend;
import io.textclf.domain.backend.Device;
import io.textclf.domain.data.CorpusEncoder;
import io.textclf.domain.data.RandomSplit;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.text.Tokenizers;
import io.textclf.domain.text.WordNgrams;
import io.textclf.domain.train.InvalidSettingException;
import io.textclf.domain.train.Lockstep;
import io.textclf.domain.train.Loss;
import io.textclf.domain.train.TrainingSettings;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * The parity check of a backend (on a device) against another: both train from the tutorial's initial
 * parameters on the same shuffled batches of a dataset's training split, step by step, with the tutorial's
 * learning rate and clipping; the result holds every step's losses and norms and both final parameter sets.
 */
public final class ParityUseCase {

    /** A backend by name, on a device. */
    public record Side(String backend, Device device) {

        @Override
        public String toString() {
            return backend + " on " + device.spelled();
        }
    }

    /**
     * A parity check's outcome.
     *
     * @param expected the side compared with, on the device it ran on ({@code auto} resolved)
     * @param actual   the side checked, on the device it ran on
     * @param steps    every step's losses and norms and both final parameter sets
     */
    public record Comparison(Side expected, Side actual, Lockstep.Result steps) {
    }

    private final DatasetLoader datasets;
    private final BackendRegistry backends;
    private final Tokenizers tokenizers;
    private final Loss loss;

    @Inject
    ParityUseCase(DatasetLoader datasets, BackendRegistry backends, Tokenizers tokenizers, Loss loss) {
        this.datasets = datasets;
        this.backends = backends;
        this.tokenizers = tokenizers;
        this.loss = loss;
    }

    /**
     * Checks a count of steps before any work.
     *
     * @throws InvalidSettingException of {@code steps} when it is below 1
     */
    public static void checkSteps(int steps) {
        if (steps < 1) {
            throw new InvalidSettingException("steps", "must be at least 1, was " + steps);
        }
    }

    /**
     * Runs {@code steps} tutorial steps of {@code actual} and {@code expected} side by side on {@code dataset}
     * (basic_english words, batches of {@code settings.batchSize()}, SGD at {@code settings.learningRate()}).
     * Both backends start before the data is read, so a missing device fails at once; the outcome names the devices
     * they ran on ({@code auto} resolved).
     */
    public Comparison compare(String dataset, Side expected, Side actual, int steps, TrainingSettings settings,
                              TrainingObserver observer) {
        checkSteps(steps);
        ComputeBackend expectedBackend = started(expected, "the expected side");
        ComputeBackend actualBackend = started(actual, "the side checked");
        observer.onStage("expected: " + expectedBackend.describe());
        observer.onStage("actual: " + actualBackend.describe());
        CorpusEncoder encoder = new CorpusEncoder(tokenizers.create(PipelineSpec.tutorial()), WordNgrams.NONE);
        TrainingData data = TrainingData.prepare(datasets, dataset, BadRowPolicy.FAIL, settings, encoder, observer);
        ModelDims dims = new ModelDims(data.vocabulary().size(), settings.embeddingDim(), data.labels().size());
        StateDict initial = new UniformInitializer(settings.initRange(), settings.seed()).initialize(dims);
        int[] order = RandomSplit.permutation(data.train().size(), new MersenneTwister(settings.seed()));
        Lockstep.Result result = Lockstep.run(expectedBackend, actualBackend, initial,
                Lockstep.Batches.inOrder(data.train(), order, settings.batchSize()), steps, loss,
                settings.learningRate(), settings.clipNorm());
        return new Comparison(new Side(expected.backend(), expectedBackend.device()),
                new Side(actual.backend(), actualBackend.device()), result);
    }

    /** One side's backend, started; a refusal says which side it is, as both may name one backend. */
    private ComputeBackend started(Side side, String which) {
        try {
            return backends.create(side.backend(), side.device());
        } catch (BackendException e) {
            throw e.noting(which);
        }
    }
}
