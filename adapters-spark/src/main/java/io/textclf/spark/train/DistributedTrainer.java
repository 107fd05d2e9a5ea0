package io.textclf.spark.train;

import io.textclf.domain.data.RandomSplit;
import io.textclf.domain.metrics.Evaluation;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.train.EpochSummary;
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
 * Data-parallel training of the tutorial's model by periodic parameter averaging (docs/spark.md
 * explains the choice). The driver holds the parameters, the scheduler and the epoch summaries; the
 * executors hold the data. Each round: the driver broadcasts the parameters and optimizer state once,
 * every partition takes {@code syncEvery} steps of the recipe on its shard (or the rest of its epoch;
 * {@link ShardTrainer}), and a {@code treeAggregate} averages the results weighted by shard size.
 * After each epoch the partitions score the validation split with the average, and the driver's
 * scheduler takes the epoch's validation scores, exactly as the single-machine {@link Trainer} does.
 *
 * <p>The split is the single-machine one: the permutation of {@link RandomSplit} over the rows in file
 * order (the driver draws it; 4 bytes per document, broadcast once). Training row of rank {@code r}
 * goes to partition {@code r mod P}, kept in rank order, so with one partition the shard is the
 * single-machine training split in its order and the result equals {@code textclf train}'s bit for bit.
 */
public final class DistributedTrainer {

    /** Why settings with early stopping are refused. */
    static final String NO_EARLY_STOPPING = "early stopping (--patience) is not supported on Spark yet";

    private final JavaSparkContext context;
    private final TrainingSettings settings;
    private final int partitions;
    private final int syncEvery;
    private final Combine combine;

    /**
     * @param partitions the number of model replicas (shards), at least 1; one per executor core is usual
     * @param syncEvery  steps each replica takes between two averagings, 0 for one averaging per epoch
     * @param combine    how the replicas' parameters become the next ones
     */
    public DistributedTrainer(JavaSparkContext context, TrainingSettings settings, int partitions, int syncEvery,
                              Combine combine) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (syncEvery < 0) {
            throw new IllegalArgumentException("the averaging interval must be at least 0 steps, was " + syncEvery);
        }
        this.syncEvery = syncEvery;
        this.combine = combine;
        if (settings.patience() > 0) {
            throw new IllegalArgumentException(NO_EARLY_STOPPING);
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
        PortableTensors parameters = PortableTensors.of(
                new UniformInitializer(settings.initRange(), settings.seed()).initialize(dims));
        PortableTensors optimizer = PortableTensors.EMPTY;
        long optimizerSteps = 0;
        List<EpochSummary> summaries = new ArrayList<>();
        JavaRDD<Shard> nonEmpty = splits.train().filter(shard -> shard.size() > 0);
        double[] weights = new double[partitions];
        for (int[] size : splits.train().map(shard -> new int[] {shard.partition(), shard.size()}).collect()) {
            weights[size[0]] = (double) size[1] / splits.trainRows();
        }
        int sync = syncEvery;
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            long started = System.nanoTime();
            double learningRate = scheduler.learningRate();
            ShardProgress[] progress = new ShardProgress[partitions];
            java.util.Arrays.fill(progress, ShardProgress.START);
            while (!epochDone(progress, weights)) {
                Broadcast<PortableTensors> sharedParameters = context.broadcast(parameters);
                Broadcast<PortableTensors> sharedOptimizer = context.broadcast(optimizer);
                int e = epoch;
                long steps = optimizerSteps;
                ShardProgress[] before = progress.clone();
                RoundAggregate round = nonEmpty
                        .map(shard -> new ShardTrainer().train(shard, recipe, e, learningRate, sync,
                                sharedParameters.value(), sharedOptimizer.value(), steps, before[shard.partition()],
                                weights[shard.partition()]))
                        .treeAggregate(new RoundAggregate(partitions), RoundAggregate::add, RoundAggregate::merge, 2);
                sharedParameters.destroy();
                sharedOptimizer.destroy();
                parameters = combine.apply(round, parameters);
                optimizer = round.optimizer();
                optimizerSteps = Math.round(round.optimizerSteps());
                round.progress().forEach((partition, now) -> progress[partition] = now);
            }
            long examples = 0;
            long correct = 0;
            double lossSum = 0;
            for (ShardProgress p : progress) {
                examples += p.examples();
                correct += p.correct();
                lossSum += p.lossSum();
            }
            if (!Double.isFinite(lossSum)) {
                throw new TrainingDivergedException(epoch, learningRate, settings.initRange());
            }
            ValidationScores scores = ValidationScores.NONE;
            if (splits.validationRows() > 0) {
                Evaluation validation = evaluate(splits.validation(), parameters);
                scores = ValidationScores.of(validation);
            }
            scheduler.afterEpoch(scores);
            EpochSummary summary = new EpochSummary(epoch, lossSum / examples, (double) correct / examples,
                    scores.accuracy(), learningRate, (System.nanoTime() - started) / 1e9, scores.loss(),
                    scores.macroF1());
            summaries.add(summary);
            listener.onEpochEnd(summary);
        }
        return new Trainer.Result(parameters.toStateDict(), summaries);
    }

    /** Whether every partition with rows has trained its whole shard this epoch. */
    private static boolean epochDone(ShardProgress[] progress, double[] weights) {
        for (int p = 0; p < progress.length; p++) {
            if (weights[p] > 0 && !progress[p].finished()) {
                return false;
            }
        }
        return true;
    }

    /** Scores {@code parameters} on sharded documents; the parameters are broadcast once. */
    private Evaluation evaluate(JavaRDD<Shard> shards, PortableTensors parameters) {
        Broadcast<PortableTensors> shared = context.broadcast(parameters);
        EvaluationCounts counts = shards.map(shard -> ShardEvaluator.evaluate(shared.value(), shard.corpus()))
                .reduce(EvaluationCounts::plus);
        shared.destroy();
        return counts.toEvaluation();
    }
}
