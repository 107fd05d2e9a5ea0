package io.textclf.spark.train;

import io.textclf.domain.data.RandomSplit;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.Evaluation;
import io.textclf.domain.train.Scheduler;
import io.textclf.domain.train.Trainer;
import io.textclf.domain.train.TrainingDivergedException;
import io.textclf.domain.train.TrainingListener;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.domain.train.ValidationScores;
import io.textclf.spark.model.PortableTensors;
import io.textclf.spark.prepare.EncodedDocument;
import io.textclf.spark.prepare.PreparedCorpus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Data-parallel training of the tutorial's model by per-epoch parameter averaging (docs/spark.md
 * explains the choice). The driver holds the parameters, the scheduler and the epoch summaries; the
 * executors hold the data. Each epoch: the driver broadcasts the parameters and optimizer state once,
 * every partition trains one epoch of the recipe on its shard ({@link ShardTrainer}), a
 * {@code treeAggregate} averages the results weighted by shard size, the partitions score the
 * validation split with the average, and the driver's scheduler takes the epoch's validation scores,
 * exactly as the single-machine {@link Trainer} does.
 *
 * <p>The split is the single-machine one: the permutation of {@link RandomSplit} over the rows in file
 * order (the driver draws it; 4 bytes per document, broadcast once). Training row of rank {@code r}
 * goes to partition {@code r mod P}, kept in rank order, so with one partition the shard is the
 * single-machine training split in its order and the result equals {@code textclf train}'s bit for bit.
 */
public final class DistributedTrainer {

    private final JavaSparkContext context;
    private final TrainingSettings settings;
    private final int partitions;

    /**
     * @param partitions the number of model replicas (shards), at least 1; one per executor core is usual
     */
    public DistributedTrainer(JavaSparkContext context, TrainingSettings settings, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (settings.patience() > 0) {
            throw new IllegalArgumentException("early stopping (--patience) is not supported on Spark yet");
        }
        this.context = context;
        this.settings = settings;
        this.partitions = partitions;
    }

    /** The two splits of a prepared corpus, as shards: index 0 trains, index 1 validates. */
    public record Splits(JavaRDD<Shard> train, JavaRDD<Shard> validation, long trainRows, long validationRows) {
        public void release() {
            train.unpersist(false);
            validation.unpersist(false);
        }
    }

    public Splits split(PreparedCorpus corpus) {
        int n = Math.toIntExact(corpus.rows());
        int[] permutation = RandomSplit.permutation(n, new MersenneTwister(settings.seed()));
        int trainSize = (int) (n * (1 - settings.validationFraction()));
        int[] ranks = new int[n];
        for (int i = 0; i < n; i++) {
            ranks[permutation[i]] = i;
        }
        Broadcast<int[]> shared = context.broadcast(ranks);
        JavaPairRDD<Integer, EncodedDocument> ranked = corpus.train()
                .mapToPair(doc -> new Tuple2<>(shared.value()[Math.toIntExact(doc.row())], doc))
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        Splits splits = new Splits(shards(ranked.filter(pair -> pair._1() < trainSize)),
                shards(ranked.filter(pair -> pair._1() >= trainSize)), trainSize, n - trainSize);
        splits.train().count();
        splits.validation().count();
        ranked.unpersist(false);
        shared.destroy();
        return splits;
    }

    private JavaRDD<Shard> shards(JavaPairRDD<Integer, EncodedDocument> rows) {
        return rows.partitionBy(new HashPartitioner(partitions)).mapPartitionsWithIndex((index, iterator) -> {
            List<Tuple2<Integer, EncodedDocument>> list = new ArrayList<>();
            iterator.forEachRemaining(list::add);
            list.sort(Comparator.comparing(Tuple2::_1));
            int[][] documents = new int[list.size()][];
            int[] labels = new int[list.size()];
            for (int i = 0; i < labels.length; i++) {
                documents[i] = list.get(i)._2().ids();
                labels[i] = list.get(i)._2().label();
            }
            return Collections.singletonList(new Shard(index, documents, labels)).iterator();
        }, true).persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** Trains from the seeded initialisation for {@code settings.epochs()} epochs. */
    public Trainer.Result train(Splits splits, ModelDims dims, TrainingListener listener) {
        if (splits.trainRows() == 0) {
            throw new IllegalArgumentException("the training split is empty");
        }
        if (splits.validationRows() == 0
                && settings.scheduler() instanceof io.textclf.domain.train.SchedulerSpec.ReduceOnPlateau) {
            throw new IllegalArgumentException("reduce-on-plateau needs a validation split, but it is empty");
        }
        ShardRecipe recipe = ShardRecipe.of(settings);
        Scheduler scheduler = settings.scheduler().create(settings);
        StateDict parameters = new UniformInitializer(settings.initRange(), settings.seed()).initialize(dims);
        PortableTensors optimizer = PortableTensors.EMPTY;
        long optimizerSteps = 0;
        List<EpochSummary> summaries = new ArrayList<>();
        JavaRDD<Shard> nonEmpty = splits.train().filter(shard -> shard.size() > 0);
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            long started = System.nanoTime();
            double learningRate = scheduler.learningRate();
            Broadcast<PortableTensors> sharedParameters = context.broadcast(PortableTensors.of(parameters));
            Broadcast<PortableTensors> sharedOptimizer = context.broadcast(optimizer);
            int e = epoch;
            long steps = optimizerSteps;
            ParameterAverage average = nonEmpty
                    .map(shard -> new ShardTrainer().train(shard, recipe, e, learningRate, sharedParameters.value(),
                            sharedOptimizer.value(), steps))
                    .treeAggregate(new ParameterAverage(splits.trainRows()), ParameterAverage::add,
                            ParameterAverage::merge, 2);
            sharedParameters.destroy();
            sharedOptimizer.destroy();
            if (!Double.isFinite(average.lossSum())) {
                throw new TrainingDivergedException(epoch, learningRate);
            }
            parameters = average.parameters().toStateDict();
            optimizer = average.optimizer();
            optimizerSteps = average.optimizerSteps();
            ValidationScores scores = ValidationScores.NONE;
            if (splits.validationRows() > 0) {
                Evaluation validation = evaluate(splits.validation(), parameters);
                scores = new ValidationScores(validation.accuracy(), validation.meanLoss(), validation.macroF1());
            }
            scheduler.afterEpoch(scores);
            EpochSummary summary = new EpochSummary(epoch, average.lossSum() / average.examples(),
                    (double) average.correct() / average.examples(), scores.accuracy(), learningRate,
                    (System.nanoTime() - started) / 1e9, scores.loss(), scores.macroF1());
            summaries.add(summary);
            listener.onEpochEnd(summary);
        }
        return new Trainer.Result(parameters, summaries);
    }

    /** Scores {@code parameters} on sharded documents; the parameters are broadcast once. */
    Evaluation evaluate(JavaRDD<Shard> shards, StateDict parameters) {
        Broadcast<PortableTensors> shared = context.broadcast(PortableTensors.of(parameters));
        EvaluationCounts counts = shards.map(shard -> ShardEvaluator.evaluate(shared.value(), shard.corpus()))
                .reduce(EvaluationCounts::plus);
        shared.destroy();
        return counts.toEvaluation();
    }
}
