package io.textclf.cli.bench;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.textclf.application.TextclfModule;
import io.textclf.application.backend.BackendRegistry;
import io.textclf.application.config.TextclfConfig;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.dataset.DatasetFiles;
import io.textclf.application.dataset.DatasetLoader;
import io.textclf.domain.backend.ComputeBackend;
import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.data.Example;
import io.textclf.domain.data.LabeledCorpus;
import io.textclf.domain.data.RandomSplit;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.text.BasicEnglishTokenizer;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.text.VocabularyBuilder;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.GradientClipping;
import io.textclf.domain.train.LossOutput;
import io.textclf.domain.train.Optimizer;
import io.textclf.domain.train.OptimizerSpec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.random.MersenneTwister;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One training step of the tutorial (forward, cross-entropy, backward, clip, SGD) on real batches of
 * 64 documents from a dataset, per backend. Run through {@code textclf bench step}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TrainStepBenchmark {

    private static final int BATCHES = 400;
    private static final int BATCH_SIZE = 64;

    @Param("reference")
    public String backend;

    @Param("")
    public String data;

    private TrainableModel model;
    private Optimizer optimizer;
    private TokenBatch[] batches;
    private int[][] labels;
    private int classes;
    private int next;
    private final CrossEntropyLoss loss = new CrossEntropyLoss();

    /**
     * Fails as {@link #setUp} would in a fork, naming what is wrong, before any fork starts: a backend without that
     * name, data that is neither a dataset folder nor a dataset's name, or a training file of one batch or less.
     */
    public static void checkParams(String data, List<String> backends) {
        Injector injector = injector();
        BackendRegistry registry = injector.getInstance(BackendRegistry.class);
        backends.forEach(registry::requireKnown);
        DatasetLoader loader = injector.getInstance(DatasetLoader.class);
        DatasetFiles files = loader.locate(data);
        long rows = loader.survey(files, BadRowPolicy.FAIL).trainRows();
        if (rows <= BATCH_SIZE) {
            throw new IllegalArgumentException(files.train() + ": bench step needs more than " + BATCH_SIZE
                    + " training rows (it steps through batches of " + BATCH_SIZE + "), the file has " + rows);
        }
    }

    private static Injector injector() {
        return Guice.createInjector(new TextclfModule(TextclfConfig.defaults()));
    }

    @Setup(Level.Trial)
    public void setUp() {
        Injector injector = injector();
        LabeledCorpus train = injector.getInstance(DatasetLoader.class).load(data, BadRowPolicy.FAIL).train();
        BasicEnglishTokenizer tokenizer = new BasicEnglishTokenizer();
        List<List<String>> tokens = train.examples().parallelStream().map(e -> tokenizer.tokenize(e.text())).toList();
        Vocabulary vocabulary = VocabularyBuilder.tutorial().addAll(tokens).build();
        EncodedCorpus corpus = EncodedCorpus.encodeTokens(tokens,
                train.examples().stream().mapToInt(Example::label).toArray(), vocabulary);
        int[] order = RandomSplit.permutation(corpus.size(), new MersenneTwister(7));
        batches = new TokenBatch[BATCHES];
        labels = new int[BATCHES][];
        for (int b = 0; b < BATCHES; b++) {
            int from = (b * BATCH_SIZE) % (corpus.size() - BATCH_SIZE);
            batches[b] = corpus.batch(order, from, from + BATCH_SIZE);
            labels[b] = corpus.labels(order, from, from + BATCH_SIZE);
        }
        classes = train.labelNames().size();
        ComputeBackend compute = injector.getInstance(BackendRegistry.class).get(backend);
        model = compute.trainable(new UniformInitializer(0.5, 1).initialize(new ModelDims(vocabulary.size(), 64, classes)));
        optimizer = compute.optimizer(new OptimizerSpec.Sgd(), model);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }

    /** One step; returns the loss so the JIT cannot drop the work. */
    @Benchmark
    public double step() {
        int b = next;
        next = (next + 1) % BATCHES;
        float[] logits = model.forward(batches[b]);
        LossOutput output = loss.compute(logits, labels[b], classes);
        model.backward(output.logitGradient());
        GradientClipping.clip(model, 0.1);
        optimizer.step(0.5);
        return output.loss();
    }
}
