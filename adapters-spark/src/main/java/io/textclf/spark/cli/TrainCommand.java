package io.textclf.spark.cli;

import io.textclf.domain.metrics.Evaluation;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.TrainingListener;
import io.textclf.modelformat.ModelFileStore;
import io.textclf.spark.train.Combine;
import io.textclf.spark.train.SparkTrainJob;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code textclf-spark train}: data-parallel training; writes an ordinary model file. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = RecipeFlags.class,
        description = "Train a classifier on Spark (one model replica per partition, updates combined every "
                + "--sync-every steps) and save it as a textclf model file.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private RecipeOptions recipe;

    @Mixin
    private SessionOptions session;

    @Option(names = {"-o", "--output"}, defaultValue = "model.textclf",
            description = "Model file to write on the driver (default: ${DEFAULT-VALUE}).")
    private Path output;

    @Option(names = "--partitions", description = "Model replicas (training shards); default: Spark's default "
            + "parallelism (the executors' cores). 1 trains exactly as 'textclf train'.")
    private int partitions;

    @Option(names = "--sync-every", paramLabel = "STEPS", description = "Steps each replica takes between two "
            + "combinations, 0 for one per epoch (default: ${DEFAULT-VALUE}).", defaultValue = "25")
    private int syncEvery;

    @Option(names = "--combine", description = "sum (apply every replica's update), average (model averaging) or sparse-sum (sum for the embedding, average for fc) "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "sparse-sum")
    private String combine;

    @Override
    public Integer call() {
        SparkTrainJob.Request request = UsageErrors.checked(spec, () -> new SparkTrainJob.Request(recipe.corpus.data,
                RecipeOptions.settings(spec), partitions, syncEvery, Combine.parse(combine),
                recipe.corpus.skipBadRows, output, RecipeOptions.given(spec)));
        new ModelFileStore().checkWritable(output);
        PrintWriter out = spec.commandLine().getOut();
        SparkSession spark = session.open("train", spec);
        try {
            SparkTrainJob.Outcome outcome = new SparkTrainJob(spark).run(request,
                    new TrainingListener() {
                        @Override
                        public void onEpochEnd(EpochSummary e) {
                            out.printf(Locale.ROOT, "epoch %d: lr %.4g, train loss %.4f, train accuracy %.4f, "
                                    + "validation accuracy %.4f (%.1f s)%n", e.epoch(), e.learningRate(), e.trainLoss(),
                                    e.trainAccuracy(), e.validationAccuracy(), e.seconds());
                            out.flush();
                        }
                    }, stage -> {
                        out.println(stage);
                        out.flush();
                    });
            if (outcome.skippedRows() > 0) {
                out.printf("skipped %d malformed rows%n", outcome.skippedRows());
            }
            outcome.test().ifPresent(test -> out.println(testLine(test)));
            out.printf(Locale.ROOT, "times: prepare %.1f s, train %.1f s, test %.1f s%n", outcome.prepareSeconds(),
                    outcome.trainSeconds(), outcome.testSeconds());
            out.printf("saved model to %s%n", output);
            return 0;
        } finally {
            spark.stop();
        }
    }

    static String testLine(Evaluation test) {
        return String.format(Locale.ROOT, "test accuracy %.4f (%d rows, loss %.4f)", test.accuracy(), test.examples(),
                test.meanLoss());
    }
}
