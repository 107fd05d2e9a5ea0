package io.textclf.modelexchange;

import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.dataset.Dataset;
import io.textclf.application.dataset.DatasetDownloader;
import io.textclf.application.dataset.DatasetLoader;
import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.data.Example;
import io.textclf.domain.data.RandomSplit;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.reference.ReferenceBackend;
import io.textclf.domain.text.BasicEnglishTokenizer;
import io.textclf.domain.text.Tokenizer;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.text.VocabularyBuilder;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.Trainer;
import io.textclf.domain.train.TrainingListener;
import io.textclf.domain.train.TrainingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A model trained as the tutorial does (two epochs, dimension 32) on the shared data set {@code ag_news_mini}
 * (system property {@code textclf.data}, set by the build), with its test texts.
 */
public final class AgNewsMiniModel {

    private static AgNewsMiniModel trained;

    public final Tokenizer tokenizer = new BasicEnglishTokenizer();
    public final Vocabulary vocabulary;
    public final List<String> labels;
    public final StateDict parameters;
    public final List<String> testTexts;

    private AgNewsMiniModel(Path folder) {
        Dataset dataset = new DatasetLoader(new DatasetDownloader(folder.resolve("unused-download-cache")), List.of())
                .load(folder.toString(), BadRowPolicy.FAIL);
        List<Example> examples = dataset.train().examples();
        List<List<String>> tokens = examples.stream().map(e -> tokenizer.tokenize(e.text())).toList();
        vocabulary = VocabularyBuilder.tutorial().addAll(tokens).build();
        labels = dataset.train().labelNames();
        EncodedCorpus corpus = EncodedCorpus.encodeTokens(tokens, examples.stream().mapToInt(Example::label).toArray(),
                vocabulary);
        TrainingSettings settings = TrainingSettings.tutorial().withEpochs(2);
        EncodedCorpus[] split = new RandomSplit(settings.validationFraction(), settings.seed()).split(corpus);
        StateDict initial = new UniformInitializer(settings.initRange(), settings.seed())
                .initialize(new ModelDims(vocabulary.size(), 32, labels.size()));
        parameters = new Trainer(new ReferenceBackend(), new CrossEntropyLoss(), settings)
                .train(initial, split[0], split[1], TrainingListener.NONE).parameters();
        testTexts = dataset.test().orElseThrow().examples().stream().map(Example::text).toList();
    }

    public static synchronized AgNewsMiniModel get() {
        if (trained == null) {
            trained = new AgNewsMiniModel(folder());
        }
        return trained;
    }

    private static Path folder() {
        Path folder = Path.of(System.getProperty("textclf.data", "../../shared/data"), "ag_news_mini");
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("test data " + folder + " is missing: set -Dtextclf.data to the folder "
                    + "holding ag_news_mini");
        }
        return folder;
    }
}
