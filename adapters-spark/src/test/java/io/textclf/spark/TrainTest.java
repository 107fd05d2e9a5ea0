package io.textclf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.application.TestData;
import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.data.RandomSplit;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.reference.ReferenceBackend;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.OptimizerSpec;
import io.textclf.domain.train.Trainer;
import io.textclf.domain.train.TrainingListener;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.spark.data.CorpusReader;
import io.textclf.spark.data.SparkDataset;
import io.textclf.spark.prepare.CorpusPreparation;
import io.textclf.spark.prepare.PreparedCorpus;
import io.textclf.spark.train.Combine;
import io.textclf.spark.train.DistributedTrainer;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Data-parallel training on {@code local[2]}: one partition is the single-machine run exactly. */
class TrainTest {

    private final SparkSession spark = LocalSpark.get();
    private final JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());

    private Trainer.Result spark(Path folder, TrainingSettings settings, int partitions, int syncEvery,
                                 Combine combine) {
        SparkDataset dataset = SparkDataset.locate(folder.toString(), context.hadoopConfiguration());
        PreparedCorpus corpus = new CorpusPreparation(context, new CorpusReader(spark, false))
                .prepare(dataset, settings.minFreq(), settings.maxTokens());
        DistributedTrainer trainer = new DistributedTrainer(context, settings, partitions, syncEvery, combine);
        DistributedTrainer.Splits splits = trainer.split(corpus);
        try {
            return trainer.train(splits, new ModelDims(corpus.vocabulary().size(), settings.embeddingDim(),
                    corpus.labels().size()), new TrainingListener() { });
        } finally {
            splits.release();
        }
    }

    private static Trainer.Result singleMachine(Path folder, TrainingSettings settings) {
        SingleMachine data = SingleMachine.read(folder, "train.csv", settings.minFreq(), settings.maxTokens());
        EncodedCorpus[] split = new RandomSplit(settings.validationFraction(), settings.seed()).split(data.encoded());
        ModelDims dims = new ModelDims(data.vocabulary().size(), settings.embeddingDim(), data.labels().size());
        return new Trainer(new ReferenceBackend(), new CrossEntropyLoss(), settings).train(
                new UniformInitializer(settings.initRange(), settings.seed()).initialize(dims), split[0], split[1],
                new TrainingListener() { });
    }

    @Test
    void onePartitionGivesTheSingleMachineParametersBitForBit() {
        TrainingSettings settings = TrainingSettings.tutorial().withEpochs(3);
        Trainer.Result expected = singleMachine(TestData.agNewsMini(), settings);
        Trainer.Result actual = spark(TestData.agNewsMini(), settings, 1, 25, Combine.SPARSE_SUM);
        assertEquals(0.0, expected.parameters().maxAbsDifference(actual.parameters()));
        for (int e = 0; e < 3; e++) {
            assertEquals(expected.epochs().get(e).validationAccuracy(), actual.epochs().get(e).validationAccuracy());
            assertEquals(expected.epochs().get(e).learningRate(), actual.epochs().get(e).learningRate());
            assertEquals(expected.epochs().get(e).trainAccuracy(), actual.epochs().get(e).trainAccuracy());
        }
    }

    @Test
    void onePartitionCarriesTheOptimizerStateAcrossRoundsAndEpochs() {
        TrainingSettings settings = TrainingSettings.tutorial().withEpochs(2).withLearningRate(0.01)
                .withOptimizer(OptimizerSpec.Adam.defaults());
        Trainer.Result expected = singleMachine(TestData.agNewsMini(), settings);
        Trainer.Result actual = spark(TestData.agNewsMini(), settings, 1, 30, Combine.AVERAGE);
        assertEquals(0.0, expected.parameters().maxAbsDifference(actual.parameters()));
    }

    @Test
    void twoPartitionsLearnAlmostAsWellAsOneMachine() {
        TrainingSettings settings = TrainingSettings.tutorial().withEpochs(5);
        double expected = singleMachine(TestData.agNewsMini(), settings).epochs().get(4).validationAccuracy();
        double summed = spark(TestData.agNewsMini(), settings, 2, 25, Combine.SPARSE_SUM).epochs().get(4).validationAccuracy();
        assertTrue(summed > expected - 0.02, "validation accuracy " + summed + " vs single machine " + expected);
    }
}
