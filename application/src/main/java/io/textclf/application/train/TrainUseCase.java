package io.textclf.application.train;

import com.google.inject.Inject;
import io.textclf.application.TextclfVersion;
import io.textclf.application.backend.BackendRegistry;
import io.textclf.application.dataset.DatasetLoader;
import io.textclf.application.progress.PhaseMeter;
import io.textclf.application.progress.PhaseProgress;
import io.textclf.application.progress.ProgressListener;
import io.textclf.domain.backend.ComputeBackend;
import io.textclf.domain.data.CorpusEncoder;
import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.metrics.ClassificationMetrics;
import io.textclf.domain.metrics.Evaluation;
import io.textclf.domain.model.DatasetFingerprint;
import io.textclf.domain.model.Model;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.ModelMetrics;
import io.textclf.domain.model.Provenance;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.text.Tokenizer;
import io.textclf.domain.text.Tokenizers;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.text.WordNgrams;
import io.textclf.domain.train.CheckpointSink;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.Evaluator;
import io.textclf.domain.train.Loss;
import io.textclf.domain.train.SchedulerSpec;
import io.textclf.domain.train.Trainer;
import io.textclf.domain.train.TrainerOptions;
import io.textclf.domain.train.TrainingOptions;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.domain.train.TrainingState;
import io.textclf.modelformat.Checkpoint;
import io.textclf.modelformat.CheckpointStore;
import io.textclf.modelformat.ModelFileStore;
import io.textclf.modelformat.StaleParts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Trains the tutorial's classifier: read the dataset, build the vocabulary from the training file,
 * hold out the validation split, train (from scratch or from a checkpoint), score the test file,
 * save the model file, and the best-validation model and checkpoints when asked.
 */
public final class TrainUseCase {

    private final DatasetLoader datasets;
    private final BackendRegistry backends;
    private final Tokenizers tokenizers;
    private final Loss loss;
    private final ModelFileStore store;
    private final CheckpointStore checkpoints;

    @Inject
    TrainUseCase(DatasetLoader datasets, BackendRegistry backends, Tokenizers tokenizers, Loss loss,
                 ModelFileStore store, CheckpointStore checkpoints) {
        this.datasets = datasets;
        this.backends = backends;
        this.tokenizers = tokenizers;
        this.loss = loss;
        this.store = store;
        this.checkpoints = checkpoints;
    }

    /** Whether {@code folder} holds a checkpoint that a run could resume from. */
    public boolean hasCheckpoint(Path folder) {
        return !CheckpointFolder.checkpoints(folder).isEmpty();
    }

    /**
     * The checkpoint at {@code path}, or the newest one in that folder: to read a run's settings
     * before resuming it.
     */
    public Checkpoint readCheckpoint(Path path) {
        return checkpoints.load(CheckpointFolder.resolve(path));
    }

    /**
     * Trains as {@code request} says. Everything that can be checked without the data is checked
     * before reading it: the backend, its device, optimizer and threads, a resumed checkpoint's settings, the
     * output files and the checkpoint folder (locked for this run).
     */
    public TrainingReport train(TrainRequest request, TrainingObserver observer) {
        ComputeBackend backend = requireCanTrain(request.backend(), request.settings(), request.options().threads());
        TrainingSettings settings = request.settings();
        RunOptions run = request.options();
        Optional<Path> resumeFile = run.resume().map(CheckpointFolder::resolve);
        Optional<Checkpoint> resumed = resumeFile.map(checkpoints::load);
        resumed.ifPresent(c -> requireSameRecipe(TrainingOptions.recipeOf(c.model()), new TrainingOptions.Recipe(
                settings, request.pipeline().wordNgrams(), run.threads()), resumeFile.orElseThrow()));
        resumed.ifPresent(c -> requireSamePipeline(c.model().pipeline(), request.pipeline(), resumeFile.orElseThrow()));
        Tokenizer tokenizer = tokenizer(request.pipeline());
        StaleParts.remove(request.output().toAbsolutePath().getParent(), StaleParts.GRACE);
        store.checkWritable(request.output());
        run.bestOutput().ifPresent(store::checkWritable);
        Optional<CheckpointFolder> folder = run.checkpointDir().map(dir -> new CheckpointFolder(dir,
                run.keepCheckpoints()));
        try (CheckpointFolder.Lock lock = folder.map(CheckpointFolder::lock).orElse(CheckpointFolder.Lock.NONE)) {
            folder.ifPresent(f -> f.requireNothingBeyond(resumed.map(c -> f.fileFor(c.state()))));
            return train(request, observer, backend, tokenizer, resumed, resumeFile, folder);
        }
    }

    private TrainingReport train(TrainRequest request, TrainingObserver observer, ComputeBackend backend,
                                 Tokenizer tokenizer, Optional<Checkpoint> resumed, Optional<Path> resumeFile,
                                 Optional<CheckpointFolder> folder) {
        TrainingSettings settings = request.settings();
        RunOptions run = request.options();
        WordNgrams ngrams = request.pipeline().wordNgrams();
        CorpusEncoder encoder = new CorpusEncoder(tokenizer, ngrams);
        TrainingData data = TrainingData.prepare(datasets, request.dataset(), request.badRows(), request.settings(),
                encoder, observer);
        Vocabulary vocabulary = data.vocabulary();
        if (vocabulary.size() <= 1 && !ngrams.enabled()) {
            observer.onWarning("the vocabulary holds no token but " + Vocabulary.UNKNOWN + " (min-freq "
                    + settings.minFreq() + "): every text is the same to the model, which can only learn how often "
                    + "each class is");
        }
        if (settings.validationFraction() == 0 && settings.scheduler() instanceof SchedulerSpec.OnValidationDrop) {
            observer.onWarning("with no validation split the on-drop schedule never lowers the learning rate (it "
                    + "lowers it when validation accuracy drops); the step schedule lowers it every step-size epochs");
        }
        observer.onStage("vocabulary of " + vocabulary.size() + " tokens" + (ngrams.enabled()
                ? " and word " + ngrams.n() + "-grams in " + ngrams.buckets() + " buckets" : "")
                + "; " + data.train().size() + " rows train, " + data.validation().size() + " validate; backend "
                + backend.describe() + (run.threads() > 1 ? ", " + run.threads() + " threads (Hogwild)" : ""));
        resumed.ifPresent(c -> {
            requireSameData(c, vocabulary, data.labels(), resumeFile.orElseThrow());
            requireSameTrainingFile(c, data.fingerprints(), resumeFile.orElseThrow());
            observer.onStage("resuming from " + resumeFile.orElseThrow() + " after " + c.state().completedEpochs()
                    + " epochs" + (c.state().batchesDone() > 0 ? " and " + c.state().batchesDone() + " batches" : ""));
        });

        ModelDims dims = new ModelDims(vocabulary.size() + ngrams.extraRows(), settings.embeddingDim(),
                data.labels().size());
        observer.onModelShape(dims, vocabulary);
        String resumedFrom = resumeFile.map(Path::toString).orElse("");
        ArtifactFactory factory = new ArtifactFactory(request.pipeline(), vocabulary, data.labels(), settings,
                new Provenance(data.fingerprints(), backend.name(), TextclfVersion.current(),
                        Runtime.version().toString(), Instant.now(), System.getProperty("os.name") + " "
                        + System.getProperty("os.arch"), 0, run.runSettings(), resumedFrom));
        Optional<CheckpointSink> sink = folder.map(f -> checkpointSink(f, factory, request.dataset(), observer));

        Optional<EncodedCorpus> testCorpus = data.test();
        // The test set is evaluated on the trained model itself before the trainer closes it (no second model
        // built from its parameters), unless the parameters saved are to be the best epoch's.
        Optional<TestAtEnd> testAtEnd = testCorpus.filter(corpus -> !run.restoreBest())
                .map(corpus -> new TestAtEnd(corpus, observer));
        TrainerOptions base = new TrainerOptions(run.keepsBest(), run.checkpointEveryBatches(), sink, run.threads());
        // A fresh start's parameters are made below for this run alone: the model may train on their very arrays.
        TrainerOptions options = resumed.isPresent() ? base : base.withStartHandedOver();

        store.prepareToSave();
        // The starting state is made as an argument, so that nothing here holds its parameters (a model's worth
        // of memory) once the trainer is done with them.
        TimedRun trained = timed(new Trainer(backend, loss, settings), resumed.map(Checkpoint::state).orElseGet(
                () -> TrainingState.start(new UniformInitializer(settings.initRange(), settings.seed())
                        .initialize(dims, ngrams.extraRows()))), data, observer,
                testAtEnd.map(options::withAtEnd).orElse(options));
        Trainer.Result result = trained.result();
        double trainingSeconds = trained.seconds() - testAtEnd.map(TestAtEnd::seconds).orElse(0.0);

        boolean restoreBest = run.restoreBest() && result.best().isPresent();
        StateDict saved = restoreBest ? result.best().orElseThrow() : result.parameters();
        int savedEpoch = restoreBest ? result.bestEpoch() : result.epochs().size();
        Optional<Evaluation> test = testAtEnd.flatMap(TestAtEnd::evaluation)
                .or(() -> testCorpus.map(corpus -> evaluate(backend, saved, corpus, observer)));
        ModelArtifact artifact = factory.artifact(saved, result, savedEpoch, test, trainingSeconds);
        save(artifact, request.output(), observer);

        Optional<Path> bestFile = run.bestModelFile().filter(file -> result.best().isPresent());
        bestFile.ifPresent(file -> {
            StateDict best = result.best().orElseThrow();
            Optional<Evaluation> bestTest = best == saved ? test
                    : testCorpus.map(corpus -> evaluate(backend, best, corpus, observer));
            save(factory.artifact(best, result, result.bestEpoch(), bestTest, trainingSeconds), file, observer);
        });
        return new TrainingReport(artifact, request.output(), test, data.skippedRows(), bestFile,
                data.train().wordCount(), run.threads());
    }

    /** A training run's result and how long it took, in seconds. */
    private record TimedRun(Trainer.Result result, double seconds) {
    }

    private static TimedRun timed(Trainer trainer, TrainingState start, TrainingData data, TrainingObserver observer,
                                  TrainerOptions options) {
        long started = System.nanoTime();
        Trainer.Result result = trainer.train(start, data.train(), data.validation(), observer, options);
        return new TimedRun(result, (System.nanoTime() - started) / 1e9);
    }

    /**
     * The tokenizer of {@code pipeline}, as {@link #train} makes it: to check a run's tokenizer before it starts.
     *
     * @throws io.textclf.domain.text.UnknownTokenizerException when none here has its name
     * @throws IllegalArgumentException                        when the tokenizer refuses its settings
     */
    public Tokenizer tokenizer(PipelineSpec pipeline) {
        return tokenizers.create(pipeline);
    }

    /**
     * The backend named {@code backendName}, once it has shown that it can train here with {@code settings}' optimizer
     * on {@code threads} threads: it builds a model of two tokens and two classes on the backend's device, the
     * optimizer for it and, for several threads, the models sharing it. What {@link #train} checks first, before any
     * data is read; public for a caller that starts several runs, to check them all before the first.
     *
     * @throws UnsupportedOperationException naming what the backend lacks
     */
    public ComputeBackend requireCanTrain(String backendName, TrainingSettings settings, int threads) {
        ComputeBackend backend = backends.get(backendName);
        StateDict probe = new UniformInitializer(settings.initRange(), settings.seed())
                .initialize(new ModelDims(2, settings.embeddingDim(), 2));
        try (TrainableModel model = backend.trainable(probe)) {
            backend.optimizer(settings.optimizer(), model);
            if (threads > 1) {
                backend.sharingParameters(model, threads).forEach(TrainableModel::close);
            }
        }
        return backend;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }

    /** Saves the model file, telling {@code progress} its size (estimated from the weights before, exact after). */
    private void save(ModelArtifact artifact, Path file, ProgressListener progress) {
        long estimate = Float.BYTES * artifact.parameters().dims().parameterCount();
        progress.onProgress(new PhaseProgress("saving", 0, estimate, PhaseProgress.BYTES));
        store.save(artifact, file);
        long size = sizeOf(file);
        progress.onProgress(new PhaseProgress("saving", size, size, PhaseProgress.BYTES));
    }

    private Evaluation evaluate(ComputeBackend backend, StateDict parameters, EncodedCorpus corpus,
                                ProgressListener progress) {
        try (Model model = backend.inference(parameters)) {
            return evaluate(model, corpus, progress);
        }
    }

    private Evaluation evaluate(Model model, EncodedCorpus corpus, ProgressListener progress) {
        PhaseMeter meter = new PhaseMeter(progress, "evaluation", corpus.size(), PhaseProgress.DOCUMENTS);
        try {
            return new Evaluator(loss).evaluate(model, corpus);
        } finally {
            meter.finish();
        }
    }

    /** The test set's evaluation on the trained model, which the trainer asks for before it closes the model. */
    private final class TestAtEnd implements Consumer<Model> {
        private final EncodedCorpus corpus;
        private final ProgressListener progress;
        private Evaluation evaluation;
        private double seconds;

        TestAtEnd(EncodedCorpus corpus, ProgressListener progress) {
            this.corpus = corpus;
            this.progress = progress;
        }

        @Override
        public void accept(Model model) {
            long started = System.nanoTime();
            evaluation = evaluate(model, corpus, progress);
            seconds = (System.nanoTime() - started) / 1e9;
        }

        /** Empty when the trainer stopped before asking (it failed or was cancelled). */
        Optional<Evaluation> evaluation() {
            return Optional.ofNullable(evaluation);
        }

        double seconds() {
            return seconds;
        }
    }

    private CheckpointSink checkpointSink(CheckpointFolder folder, ArtifactFactory factory, String dataset,
                                          TrainingObserver observer) {
        return state -> {
            Path file = folder.fileFor(state);
            checkpoints.save(new Checkpoint(factory.checkpointModel(state), state, dataset), file);
            folder.prune();
            observer.onStage("saved checkpoint " + file);
        };
    }

    /** The settings of a resumed run must be the checkpoint's, except the number of epochs and the log interval. */
    private static void requireSameRecipe(TrainingOptions.Recipe checkpoint, TrainingOptions.Recipe requested,
                                          Path file) {
        List<String> differences = TrainingOptions.differences(checkpoint, requested,
                TrainingOptions.RESUMABLE_CHANGES, TrainingOptions.Spelling.CLI);
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("the settings differ from those of checkpoint " + file + ": "
                    + String.join("; ", differences) + " (only the number of epochs may change on resuming)");
        }
    }

    /** The split and shuffles replay only on the same rows: the training file must be the one the run began on. */
    private static void requireSameTrainingFile(Checkpoint checkpoint, List<DatasetFingerprint> fingerprints,
                                                Path file) {
        Optional<DatasetFingerprint> before = checkpoint.model().provenance().datasets().stream()
                .filter(d -> d.role().equals("train")).findFirst();
        Optional<DatasetFingerprint> now = fingerprints.stream()
                .filter(d -> d.role().equals("train")).findFirst();
        if (before.isPresent() && now.isPresent() && !before.get().md5().equals(now.get().md5())) {
            throw new IllegalArgumentException("the training file " + now.get().path() + " (MD5 " + now.get().md5()
                    + ") is not the one checkpoint " + file + " was trained on (" + before.get().path() + ", MD5 "
                    + before.get().md5() + "): resuming on other rows would change the split");
        }
    }

    private static void requireSameData(Checkpoint checkpoint, Vocabulary vocabulary, List<String> labels, Path file) {
        if (!checkpoint.model().labels().equals(labels)) {
            throw new IllegalArgumentException("the dataset's classes " + labels + " differ from those of checkpoint "
                    + file + ": " + checkpoint.model().labels());
        }
        if (!checkpoint.model().vocabulary().tokens().equals(vocabulary.tokens())) {
            throw new IllegalArgumentException("the training file gives another vocabulary (" + vocabulary.size()
                    + " tokens) than checkpoint " + file + " (" + checkpoint.model().vocabulary().size()
                    + "): it is not the data the run was trained on");
        }
    }

    private static void requireSamePipeline(PipelineSpec checkpoint, PipelineSpec requested, Path file) {
        if (!checkpoint.equals(requested)) {
            throw new IllegalArgumentException("the text pipeline " + requested.describe() + " differs from that of "
                    + "checkpoint " + file + ": " + checkpoint.describe());
        }
    }

    /** Builds the model files and checkpoint models of one run. */
    private record ArtifactFactory(PipelineSpec pipeline, Vocabulary vocabulary, List<String> labels,
                                   TrainingSettings settings,
                                   Provenance provenance) {

        ModelArtifact artifact(StateDict parameters, Trainer.Result result, int parametersEpoch,
                               Optional<Evaluation> test, double trainingSeconds) {
            List<EpochSummary> epochs = result.epochs();
            double lastValidation = epochs.get(epochs.size() - 1).validationAccuracy();
            ModelMetrics metrics = new ModelMetrics(
                    test.map(Evaluation::accuracy).orElse(Double.NaN),
                    test.map(Evaluation::meanLoss).orElse(Double.NaN),
                    test.map(Evaluation::examples).orElse(0L),
                    lastValidation, epochs, test.map(e -> ClassificationMetrics.of(e, labels)), result.bestEpoch(),
                    parametersEpoch, result.stopReason());
            return new ModelArtifact(pipeline, vocabulary, labels, parameters, settings, metrics,
                    at(Instant.now(), trainingSeconds));
        }

        ModelArtifact checkpointModel(TrainingState state) {
            List<EpochSummary> epochs = state.epochs();
            double lastValidation = epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).validationAccuracy();
            double seconds = epochs.stream().mapToDouble(EpochSummary::seconds).sum() + state.partial().seconds();
            ModelMetrics metrics = new ModelMetrics(Double.NaN, Double.NaN, 0, lastValidation, epochs,
                    Optional.empty(), state.bestEpoch(), epochs.size(), "");
            return new ModelArtifact(pipeline, vocabulary, labels, state.parameters(), settings,
                    metrics, at(Instant.now(), seconds));
        }

        private Provenance at(Instant time, double seconds) {
            return new Provenance(provenance.datasets(), provenance.backend(), provenance.textclfVersion(),
                    provenance.javaVersion(), time, provenance.os(), seconds, provenance.runSettings(),
                    provenance.resumedFrom());
        }
    }
}
