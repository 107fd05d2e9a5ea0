package io.textclf.spark.train;

import io.textclf.domain.metrics.ClassificationMetrics;
import io.textclf.domain.metrics.Evaluation;
import io.textclf.domain.model.DatasetFingerprint;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.ModelMetrics;
import io.textclf.domain.model.Provenance;
import io.textclf.domain.model.RunSetting;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.Trainer;
import io.textclf.domain.train.TrainingListener;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.modelformat.ModelFileStore;
import io.textclf.spark.data.CorpusReader;
import io.textclf.spark.data.SparkDataset;
import io.textclf.spark.prepare.CorpusPreparation;
import io.textclf.spark.prepare.EncodedDocument;
import io.textclf.spark.prepare.PreparedCorpus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code textclf-spark train}: prepare the training files on the executors, train by per-epoch
 * parameter averaging, score the test files on the executors, and write an ordinary model file.
 */
public final class SparkTrainJob {

    /** The name recorded as the model file's backend. */
    public static final String BACKEND = "spark/reference";

    private final SparkSession spark;
    private final ModelFileStore files = new ModelFileStore();

    public SparkTrainJob(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * A training run.
     *
     * @param data        the dataset folder (any Hadoop path)
     * @param partitions  model replicas, 0 for Spark's default parallelism
     * @param syncEvery   steps between two averagings, 0 for one per epoch
     * @param combine     how the replicas' parameters are combined
     * @param runSettings the settings as given, for the model file
     */
    public record Request(String data, TrainingSettings settings, int partitions, int syncEvery, Combine combine,
                          boolean skipBadRows,
                          Path output,
                          List<RunSetting> runSettings) {
        public Request {
            if (partitions < 0) {
                throw new IllegalArgumentException("--partitions must be at least 1, or 0 for Spark's default "
                        + "parallelism, was " + partitions);
            }
            if (syncEvery < 0) {
                throw new IllegalArgumentException("--sync-every must be at least 1 step, or 0 for one combination "
                        + "an epoch, was " + syncEvery);
            }
            if (settings.patience() > 0) {
                throw new IllegalArgumentException(DistributedTrainer.NO_EARLY_STOPPING);
            }
            runSettings = List.copyOf(runSettings);
        }
    }

    /** What a run produced and how long its stages took. */
    public record Outcome(ModelArtifact artifact, Optional<Evaluation> test, long skippedRows, long trainRows,
                          long validationRows, int partitions, double prepareSeconds, double trainSeconds,
                          double testSeconds) {
    }

    public Outcome run(Request request, TrainingListener listener, Consumer<String> stages) {
        files.checkWritable(request.output());
        TrainingSettings settings = request.settings();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = request.partitions() > 0 ? request.partitions() : context.defaultParallelism();
        long started = System.nanoTime();
        SparkDataset dataset = SparkDataset.locate(request.data(), context.hadoopConfiguration());
        CorpusReader reader = new CorpusReader(spark, request.skipBadRows());
        CorpusPreparation preparation = new CorpusPreparation(context, reader);
        PreparedCorpus corpus = preparation.prepare(dataset, settings.minFreq(), settings.maxTokens());
        DistributedTrainer trainer = new DistributedTrainer(context, settings, partitions, request.syncEvery(),
                request.combine());
        DistributedTrainer.Splits splits = trainer.split(corpus);
        double prepareSeconds = seconds(started);
        stages.accept(String.format(java.util.Locale.ROOT, "prepared %d training rows (%d tokens) in %d classes from "
                + "%d file(s); vocabulary of %d tokens; %d rows train, %d validate, on %d partition%s (%.1f s)",
                corpus.rows(), corpus.tokens(), corpus.labels().size(), dataset.train().size(),
                corpus.vocabulary().size(), splits.trainRows(), splits.validationRows(), partitions,
                partitions == 1 ? "" : "s", prepareSeconds));

        started = System.nanoTime();
        ModelDims dims = new ModelDims(corpus.vocabulary().size(), settings.embeddingDim(), corpus.labels().size());
        Trainer.Result result = trainer.train(splits, dims, listener);
        double trainSeconds = seconds(started);
        splits.release();

        started = System.nanoTime();
        Optional<Evaluation> test = Optional.empty();
        long testRows = 0;
        if (!dataset.test().isEmpty()) {
            JavaRDD<EncodedDocument> encoded = preparation.encode(
                    reader.read(dataset.test(), dataset.layout(), corpus.labels()), corpus.vocabulary());
            test = Optional.of(ShardEvaluator.evaluate(context, encoded, result.parameters()));
            testRows = test.get().examples();
        }
        double testSeconds = seconds(started);

        List<DatasetFingerprint> fingerprints = new ArrayList<>();
        fingerprints.add(new DatasetFingerprint("train", String.join(",", dataset.train()), "", corpus.rows()));
        if (!dataset.test().isEmpty()) {
            fingerprints.add(new DatasetFingerprint("test", String.join(",", dataset.test()), "", testRows));
        }
        List<EpochSummary> epochs = result.epochs();
        Optional<Evaluation> scored = test;
        ModelMetrics metrics = new ModelMetrics(
                scored.map(Evaluation::accuracy).orElse(Double.NaN),
                scored.map(Evaluation::meanLoss).orElse(Double.NaN),
                scored.map(Evaluation::examples).orElse(0L),
                epochs.get(epochs.size() - 1).validationAccuracy(), epochs,
                scored.map(e -> ClassificationMetrics.of(e, corpus.labels())), 0, epochs.size(), "");
        Provenance provenance = new Provenance(fingerprints, BACKEND, version(), Runtime.version().toString(),
                Instant.now(), System.getProperty("os.name") + " " + System.getProperty("os.arch"), trainSeconds,
                request.runSettings(), "");
        ModelArtifact artifact = new ModelArtifact(PipelineSpec.tutorial(), corpus.vocabulary(), corpus.labels(),
                result.parameters(), settings, metrics, provenance);
        files.save(artifact, request.output());
        return new Outcome(artifact, test, reader.skippedRows(), splits.trainRows(), splits.validationRows(),
                partitions, prepareSeconds, trainSeconds, testSeconds);
    }

    /** textclf's version, as the domain library was built ({@link Provenance#currentVersion()}). */
    public static String version() {
        return Provenance.currentVersion();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
