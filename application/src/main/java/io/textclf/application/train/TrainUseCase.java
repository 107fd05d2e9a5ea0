package io.textclf.application.train;

import com.google.inject.Inject;
import io.textclf.application.TextclfVersion;
import io.textclf.application.backend.BackendRegistry;
import io.textclf.application.dataset.Dataset;
import io.textclf.application.dataset.DatasetLoader;
import io.textclf.application.modelfile.ModelFileStore;
import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.data.Example;
import io.textclf.domain.data.LabeledCorpus;
import io.textclf.domain.data.RandomSplit;
import io.textclf.domain.model.ComputeBackend;
import io.textclf.domain.model.Model;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.ModelMetrics;
import io.textclf.domain.model.Provenance;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.text.BasicEnglishTokenizer;
import io.textclf.domain.text.Tokenizer;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.text.VocabularyBuilder;
import io.textclf.domain.train.Evaluation;
import io.textclf.domain.train.Evaluator;
import io.textclf.domain.train.Loss;
import io.textclf.domain.train.Trainer;
import io.textclf.domain.train.TrainingSettings;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Trains the tutorial's classifier: read the dataset, build the vocabulary from the training file,
 * hold out the validation split, train, score the test file, save the model file.
 */
public final class TrainUseCase {

    private final DatasetLoader datasets;
    private final BackendRegistry backends;
    private final Tokenizer tokenizer;
    private final Loss loss;
    private final ModelFileStore store;

    @Inject
    TrainUseCase(DatasetLoader datasets, BackendRegistry backends, Tokenizer tokenizer, Loss loss,
                 ModelFileStore store) {
        this.datasets = datasets;
        this.backends = backends;
        this.tokenizer = tokenizer;
        this.loss = loss;
        this.store = store;
    }

    public TrainingReport train(TrainRequest request, TrainingObserver observer) {
        ComputeBackend backend = backends.get(request.backend());
        TrainingSettings settings = request.settings();
        Dataset dataset = datasets.load(request.dataset(), request.badRows());
        LabeledCorpus train = dataset.train();
        observer.onStage("read " + train.size() + " training rows" + dataset.test()
                .map(test -> " and " + test.size() + " test rows").orElse("") + " in "
                + train.labelNames().size() + " classes from " + dataset.files().train().getParent()
                + (dataset.skippedRows().isEmpty() ? "" : " (" + dataset.skippedRows().size() + " malformed rows skipped)"));

        List<List<String>> tokens = tokenize(train.examples());
        VocabularyBuilder builder = new VocabularyBuilder(List.of(Vocabulary.UNKNOWN), settings.minFreq(),
                settings.maxTokens());
        Vocabulary vocabulary = builder.addAll(tokens).build();
        int[] labels = train.examples().stream().mapToInt(Example::label).toArray();
        EncodedCorpus encoded = EncodedCorpus.encodeTokens(tokens, labels, vocabulary);
        EncodedCorpus[] split = new RandomSplit(settings.validationFraction(), settings.seed()).split(encoded);
        observer.onStage("vocabulary of " + vocabulary.size() + " tokens; " + split[0].size() + " rows train, "
                + split[1].size() + " validate; backend " + backend.describe());

        ModelDims dims = new ModelDims(vocabulary.size(), settings.embeddingDim(), train.labelNames().size());
        long started = System.nanoTime();
        Trainer.Result result = new Trainer(backend, loss, settings).train(
                new UniformInitializer(settings.initRange(), settings.seed()).initialize(dims),
                split[0], split[1], observer);
        double trainingSeconds = (System.nanoTime() - started) / 1e9;

        Optional<Evaluation> test = dataset.test().map(corpus -> {
            try (Model model = backend.inference(result.parameters())) {
                return new Evaluator(loss).evaluate(model, EncodedCorpus.encode(corpus.examples(), tokenizer, vocabulary));
            }
        });
        double lastValidation = result.epochs().get(result.epochs().size() - 1).validationAccuracy();
        ModelMetrics metrics = new ModelMetrics(
                test.map(Evaluation::accuracy).orElse(Double.NaN),
                test.map(Evaluation::meanLoss).orElse(Double.NaN),
                test.map(Evaluation::examples).orElse(0L),
                lastValidation, result.epochs());
        Provenance provenance = new Provenance(dataset.fingerprints(), backend.name(), TextclfVersion.current(),
                Runtime.version().toString(), Instant.now(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), trainingSeconds);
        ModelArtifact artifact = new ModelArtifact(BasicEnglishTokenizer.NAME, vocabulary, train.labelNames(),
                result.parameters(), settings, metrics, provenance);
        store.save(artifact, request.output());
        return new TrainingReport(artifact, request.output(), test, dataset.skippedRows());
    }

    private List<List<String>> tokenize(List<Example> examples) {
        return IntStream.range(0, examples.size()).parallel()
                .mapToObj(i -> tokenizer.tokenize(examples.get(i).text()))
                .toList();
    }
}
