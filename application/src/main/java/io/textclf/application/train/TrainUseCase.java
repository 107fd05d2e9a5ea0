package io.textclf.application.train;

import com.google.inject.Inject;
import io.textclf.application.TextclfVersion;
import io.textclf.application.backend.BackendRegistry;
import io.textclf.application.dataset.Dataset;
import io.textclf.application.dataset.DatasetLoader;
import io.textclf.modelformat.Checkpoint;
import io.textclf.modelformat.CheckpointStore;
import io.textclf.modelformat.ModelFileStore;
import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.data.Example;
import io.textclf.domain.data.LabeledCorpus;
import io.textclf.domain.data.RandomSplit;
import io.textclf.domain.metrics.ClassificationMetrics;
import io.textclf.domain.model.ComputeBackend;
import io.textclf.domain.model.DatasetFingerprint;
import io.textclf.domain.model.Model;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.ModelMetrics;
import io.textclf.domain.model.Provenance;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.text.Tokenizer;
import io.textclf.domain.text.Tokenizers;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.text.VocabularyBuilder;
import io.textclf.domain.train.CheckpointSink;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.Evaluation;
import io.textclf.domain.train.Evaluator;
import io.textclf.domain.train.Loss;
import io.textclf.domain.train.Trainer;
import io.textclf.domain.train.TrainerOptions;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.domain.train.TrainingState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

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

    /**
     * The checkpoint at {@code path}, or the newest one in that folder: to read a run's settings
     * before resuming it.
     */
    public Checkpoint readCheckpoint(Path path) {
        return checkpoints.load(CheckpointFolder.resolve(path));
    }

    public TrainingReport train(TrainRequest request, TrainingObserver observer) {
        ComputeBackend backend = backends.get(request.backend());
        TrainingSettings settings = request.settings();
        RunOptions run = request.options();
        Optional<Path> resumeFile = run.resume().map(CheckpointFolder::resolve);
        Optional<Checkpoint> resumed = resumeFile.map(checkpoints::load);
        resumed.ifPresent(c -> requireSameRecipe(c.model().settings(), settings, resumeFile.orElseThrow()));
        resumed.ifPresent(c -> requireSamePipeline(c.model().pipeline(), request.pipeline(), resumeFile.orElseThrow()));
        Tokenizer tokenizer = tokenizers.create(request.pipeline());
        store.checkWritable(request.output());
        run.bestOutput().ifPresent(store::checkWritable);
        run.checkpointDir().ifPresent(dir -> {
            CheckpointFolder folder = new CheckpointFolder(dir, run.keepCheckpoints());
            folder.requireNothingBeyond(resumed.map(c -> folder.fileFor(c.state())));
        });
        Dataset dataset = datasets.load(request.dataset(), request.badRows());
        LabeledCorpus train = dataset.train();
        observer.onStage("read " + train.size() + " training rows" + dataset.test()
                .map(test -> " and " + test.size() + " test rows").orElse("") + " in "
                + train.labelNames().size() + " classes from " + dataset.files().train().getParent()
                + (dataset.skippedRows().isEmpty() ? "" : " (" + dataset.skippedRows().size() + " malformed rows skipped)"));

        List<List<String>> tokens = tokenize(tokenizer, train.examples());
        VocabularyBuilder builder = new VocabularyBuilder(List.of(Vocabulary.UNKNOWN), settings.minFreq(),
                settings.maxTokens());
        Vocabulary vocabulary = builder.addAll(tokens).build();
        int[] labels = train.examples().stream().mapToInt(Example::label).toArray();
        EncodedCorpus encoded = EncodedCorpus.encodeTokens(tokens, labels, vocabulary);
        EncodedCorpus[] split = new RandomSplit(settings.validationFraction(), settings.seed()).split(encoded);
        observer.onStage("vocabulary of " + vocabulary.size() + " tokens; " + split[0].size() + " rows train, "
                + split[1].size() + " validate; backend " + backend.describe());
        resumed.ifPresent(c -> {
            requireSameData(c, vocabulary, train.labelNames(), resumeFile.orElseThrow());
            requireSameTrainingFile(c, dataset, resumeFile.orElseThrow());
            observer.onStage("resuming from " + resumeFile.orElseThrow() + " after " + c.state().completedEpochs()
                    + " epochs" + (c.state().batchesDone() > 0 ? " and " + c.state().batchesDone() + " batches" : ""));
        });

        ModelDims dims = new ModelDims(vocabulary.size(), settings.embeddingDim(), train.labelNames().size());
        TrainingState start = resumed.map(Checkpoint::state).orElseGet(() -> TrainingState.start(
                new UniformInitializer(settings.initRange(), settings.seed()).initialize(dims)));
        String resumedFrom = resumeFile.map(Path::toString).orElse("");
        ArtifactFactory factory = new ArtifactFactory(request.pipeline(), vocabulary, train.labelNames(), settings,
                new Provenance(dataset.fingerprints(), backend.name(), TextclfVersion.current(),
                        Runtime.version().toString(), Instant.now(), System.getProperty("os.name") + " "
                        + System.getProperty("os.arch"), 0, run.runSettings(), resumedFrom));
        Optional<CheckpointSink> sink = run.checkpointDir().map(dir -> checkpointSink(
                new CheckpointFolder(dir, run.keepCheckpoints()), factory, request.dataset(), observer));

        long started = System.nanoTime();
        Trainer.Result result = new Trainer(backend, loss, settings).train(start, split[0], split[1], observer,
                new TrainerOptions(run.keepsBest(), run.checkpointEveryBatches(), sink));
        double trainingSeconds = (System.nanoTime() - started) / 1e9;

        Optional<EncodedCorpus> testCorpus = dataset.test()
                .map(corpus -> EncodedCorpus.encode(corpus.examples(), tokenizer, vocabulary));
        boolean restoreBest = run.restoreBest() && result.best().isPresent();
        StateDict saved = restoreBest ? result.best().orElseThrow() : result.parameters();
        int savedEpoch = restoreBest ? result.bestEpoch() : result.epochs().size();
        Optional<Evaluation> test = testCorpus.map(corpus -> evaluate(backend, saved, corpus));
        ModelArtifact artifact = factory.artifact(saved, result, savedEpoch, test, trainingSeconds);
        store.save(artifact, request.output());

        Optional<Path> bestFile = run.bestOutput()
                .or(() -> run.checkpointDir().map(dir -> dir.resolve(CheckpointFolder.BEST_MODEL)))
                .filter(file -> result.best().isPresent());
        bestFile.ifPresent(file -> {
            StateDict best = result.best().orElseThrow();
            Optional<Evaluation> bestTest = best == saved ? test
                    : testCorpus.map(corpus -> evaluate(backend, best, corpus));
            store.save(factory.artifact(best, result, result.bestEpoch(), bestTest, trainingSeconds), file);
        });
        return new TrainingReport(artifact, request.output(), test, dataset.skippedRows(), bestFile);
    }

    private Evaluation evaluate(ComputeBackend backend, StateDict parameters, EncodedCorpus corpus) {
        try (Model model = backend.inference(parameters)) {
            return new Evaluator(loss).evaluate(model, corpus);
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
    private static void requireSameRecipe(TrainingSettings checkpoint, TrainingSettings requested, Path file) {
        List<String> differences = new java.util.ArrayList<>();
        for (java.lang.reflect.RecordComponent component : TrainingSettings.class.getRecordComponents()) {
            String name = component.getName();
            if (name.equals("epochs") || name.equals("logInterval")) {
                continue;
            }
            Object then = read(component, checkpoint);
            Object now = read(component, requested);
            if (!then.equals(now)) {
                differences.add(name + " " + then + " there, " + now + " now");
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("the settings differ from those of checkpoint " + file + ": "
                    + String.join("; ", differences) + " (only the number of epochs may change on resuming)");
        }
    }

    private static Object read(java.lang.reflect.RecordComponent component, TrainingSettings settings) {
        try {
            return component.getAccessor().invoke(settings);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of the training settings", e);
        }
    }

    /** The split and shuffles replay only on the same rows: the training file must be the one the run began on. */
    private static void requireSameTrainingFile(Checkpoint checkpoint, Dataset dataset, Path file) {
        Optional<DatasetFingerprint> before = checkpoint.model().provenance().datasets().stream()
                .filter(d -> d.role().equals("train")).findFirst();
        Optional<DatasetFingerprint> now = dataset.fingerprints().stream()
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

    private static List<List<String>> tokenize(Tokenizer tokenizer, List<Example> examples) {
        return IntStream.range(0, examples.size()).parallel()
                .mapToObj(i -> tokenizer.tokenize(examples.get(i).text()))
                .toList();
    }

    /** Builds the model files and checkpoint models of one run. */
    private record ArtifactFactory(PipelineSpec pipeline, Vocabulary vocabulary, List<String> labels, TrainingSettings settings,
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
