package io.textclf.spark.cli;

import io.textclf.modelformat.ModelFileStore;
import io.textclf.spark.data.OutputFolder;
import io.textclf.spark.predict.BatchPrediction;
import io.textclf.spark.predict.TextclfTransformer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code textclf-spark predict}: batch inference over a CSV or Parquet input. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Classify every row of a CSV (with a header) or Parquet input; write Parquet or CSV with "
                + "the columns label, probability and top_k added.")
final class PredictCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SessionOptions session;

    @Option(names = {"-m", "--model"}, required = true, description = "Model file on the driver.")
    private Path model;

    @Option(names = {"-i", "--input"}, required = true, description = "Input files or folder (any Hadoop path).")
    private String input;

    @Option(names = {"-o", "--output"}, required = true, description = "Output folder (any Hadoop path).")
    private String output;

    @Option(names = "--input-format", description = "csv or parquet (default: csv for *.csv[.gz] or a folder of "
            + "them, else parquet).")
    private String inputFormat;

    @Option(names = "--output-format", description = "csv or parquet (default: csv for *.csv, else parquet).")
    private String outputFormat;

    @Option(names = "--text-column", defaultValue = "text", description = "Column holding the text "
            + "(default: ${DEFAULT-VALUE}).")
    private String textColumn;

    @Option(names = {"-k", "--top-k"}, defaultValue = "3", description = "Classes in top_k (default: ${DEFAULT-VALUE}).")
    private int topK;

    @Option(names = "--label-column", defaultValue = "label", description = "Output column of the most probable "
            + "class (default: ${DEFAULT-VALUE}).")
    private String labelColumn;

    @Option(names = "--probability-column", defaultValue = "probability", description = "Output column of its "
            + "probability (default: ${DEFAULT-VALUE}).")
    private String probabilityColumn;

    @Option(names = "--top-k-column", defaultValue = "top_k", description = "Output column of the top classes "
            + "(default: ${DEFAULT-VALUE}).")
    private String topKColumn;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<BatchPrediction.Format> readAsGiven = inputFormat == null ? Optional.empty() : Optional.of(
                UsageErrors.checked(spec, () -> BatchPrediction.Format.of("--input-format", inputFormat, input)));
        BatchPrediction.Format writeAs = UsageErrors.checked(spec,
                () -> BatchPrediction.Format.of("--output-format", outputFormat, output));
        if (topK < 1) {
            throw new ParameterException(spec.commandLine(), "--top-k must be at least 1, was " + topK);
        }
        if (Stream.of(labelColumn, probabilityColumn, topKColumn).distinct().count() < 3) {
            throw new ParameterException(spec.commandLine(), "--label-column, --probability-column and --top-k-column "
                    + "name the three output columns: choose three different names, were '" + labelColumn + "', '"
                    + probabilityColumn + "' and '" + topKColumn + "'");
        }
        TextclfTransformer transformer = new TextclfTransformer(new ModelFileStore().load(model))
                .setInputCol(textColumn).setTopK(topK).setLabelCol(labelColumn).setProbabilityCol(probabilityColumn)
                .setTopKCol(topKColumn);
        SparkSession spark = session.open("predict", spec);
        try {
            Configuration hadoop = spark.sparkContext().hadoopConfiguration();
            BatchPrediction.requireInput(input, hadoop);
            BatchPrediction.Format readAs = readAsGiven.orElseGet(() -> BatchPrediction.Format.ofInput(input, hadoop));
            OutputFolder.requireApart(output, input, hadoop);
            OutputFolder.requireReplaceable(output, hadoop, "predictions",
                    name -> name.startsWith("part-") || name.equals("_SUCCESS"));
            long started = System.nanoTime();
            long rows = new BatchPrediction(spark).run(transformer, input, readAs, output, writeAs);
            out.printf(Locale.ROOT, "classified %d rows into %s (%.1f s)%n", rows, output,
                    (System.nanoTime() - started) / 1e9);
            return 0;
        } finally {
            transformer.release();
            spark.stop();
        }
    }
}
