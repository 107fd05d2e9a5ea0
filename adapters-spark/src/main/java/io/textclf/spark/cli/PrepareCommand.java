package io.textclf.spark.cli;

import io.textclf.domain.train.TrainingSettings;
import io.textclf.spark.data.CorpusReader;
import io.textclf.spark.data.OutputFolder;
import io.textclf.spark.data.SparkDataset;
import io.textclf.spark.prepare.CorpusPreparation;
import io.textclf.spark.prepare.PreparedCorpus;
import io.textclf.spark.prepare.PreparedOutput;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code textclf-spark prepare}: read, tokenize and count on the executors; write the vocabulary and encoded rows. */
@Command(name = "prepare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Read the training files, tokenize and count on the executors, build the vocabulary "
                + "(the one 'textclf train' builds) and write it with the encoded rows.")
final class PrepareCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CorpusOptions flags;

    @Mixin
    private SessionOptions session;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Folder (any Hadoop path) "
            + "to write vocabulary.txt, labels.txt and train.parquet (row, label, ids) into.")
    private String output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TrainingSettings settings = UsageErrors.checked(spec, flags::vocabularySettings);
        SparkSession spark = session.open("prepare", spec);
        try {
            long started = System.nanoTime();
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            OutputFolder.requireReplaceable(output, context.hadoopConfiguration(), "a prepared corpus",
                    Set.of("vocabulary.txt", "labels.txt", "train.parquet")::contains);
            SparkDataset dataset = SparkDataset.locate(flags.data, context.hadoopConfiguration());
            CorpusReader reader = new CorpusReader(spark, flags.skipBadRows);
            PreparedCorpus corpus = new CorpusPreparation(context, reader)
                    .prepare(dataset, settings.minFreq(), settings.maxTokens());
            new PreparedOutput(spark).write(corpus, output);
            if (reader.skippedRows() > 0) {
                out.printf("skipped %d malformed rows%n", reader.skippedRows());
            }
            out.printf(Locale.ROOT, "prepared %d rows (%d tokens) in %d classes from %d file(s): vocabulary of %d "
                    + "tokens; wrote %s (%.1f s)%n", corpus.rows(), corpus.tokens(), corpus.labels().size(),
                    dataset.train().size(), corpus.vocabulary().size(), output, (System.nanoTime() - started) / 1e9);
            return 0;
        } finally {
            spark.stop();
        }
    }
}
