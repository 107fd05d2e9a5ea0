package io.textclf.nd4j;

import io.textclf.application.TestData;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.dataset.Dataset;
import io.textclf.application.dataset.DatasetDownloader;
import io.textclf.application.dataset.DatasetLoader;
import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.data.Example;
import io.textclf.domain.data.RandomSplit;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.text.BasicEnglishTokenizer;
import io.textclf.domain.text.Tokenizer;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.text.VocabularyBuilder;
import io.textclf.domain.train.TrainingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * ag_news_mini's training file encoded as the tutorial does (basic_english tokenizer, vocabulary from
 * the training file), the tutorial's initial weights for seed 1, and shuffled batches of 64: the
 * real inputs of the first steps of a default training run.
 */
final class AgNewsMiniBatches {

    static final int BATCH_SIZE = 64;

    final Vocabulary vocabulary;
    final EncodedCorpus corpus;
    final EncodedCorpus test;
    final StateDict initial;
    private final int[] order;

    private AgNewsMiniBatches(Vocabulary vocabulary, EncodedCorpus corpus, EncodedCorpus test, StateDict initial,
                              int[] order) {
        this.vocabulary = vocabulary;
        this.corpus = corpus;
        this.test = test;
        this.initial = initial;
        this.order = order;
    }

    static AgNewsMiniBatches load() {
        try {
            DatasetLoader loader = new DatasetLoader(new DatasetDownloader(Files.createTempDirectory("textclf-nd4j")),
                    List.of());
            Dataset dataset = loader.load(TestData.agNewsMini().toString(), BadRowPolicy.FAIL);
            Tokenizer tokenizer = new BasicEnglishTokenizer();
            List<List<String>> tokens = dataset.train().examples().stream()
                    .map(example -> tokenizer.tokenize(example.text())).toList();
            Vocabulary vocabulary = VocabularyBuilder.tutorial().addAll(tokens).build();
            int[] labels = dataset.train().examples().stream().mapToInt(Example::label).toArray();
            EncodedCorpus corpus = EncodedCorpus.encodeTokens(tokens, labels, vocabulary);
            EncodedCorpus test = EncodedCorpus.encode(dataset.test().orElseThrow().examples(), tokenizer, vocabulary);
            TrainingSettings settings = TrainingSettings.tutorial();
            ModelDims dims = new ModelDims(vocabulary.size(), settings.embeddingDim(),
                    dataset.train().labelNames().size());
            StateDict initial = new UniformInitializer(settings.initRange(), settings.seed()).initialize(dims);
            int[] order = RandomSplit.permutation(corpus.size(), new MersenneTwister(settings.seed()));
            return new AgNewsMiniBatches(vocabulary, corpus, test, initial, order);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of whole and partial batches in one pass. */
    int batches() {
        return (corpus.size() + BATCH_SIZE - 1) / BATCH_SIZE;
    }

    /** Batch {@code b} of the pass, {@code b} taken modulo {@link #batches()}. */
    TokenBatch batch(int b) {
        int from = (b % batches()) * BATCH_SIZE;
        return corpus.batch(order, from, Math.min(corpus.size(), from + BATCH_SIZE));
    }

    int[] labels(int b) {
        int from = (b % batches()) * BATCH_SIZE;
        return corpus.labels(order, from, Math.min(corpus.size(), from + BATCH_SIZE));
    }

    int classes() {
        return initial.dims().numClasses();
    }
}
