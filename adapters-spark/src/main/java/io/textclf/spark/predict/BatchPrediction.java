package io.textclf.spark.predict;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * {@code textclf-spark predict}: classifies every row of a CSV (with a header) or Parquet input with a
 * {@link TextclfTransformer} and writes Parquet or CSV. CSV cannot hold arrays, so there the
 * {@code top_k} column is JSON text, e.g. {@code [{"label":"World","probability":0.93},...]}.
 */
public final class BatchPrediction {

    /** A file format, chosen by the flag or else by the path's extension. */
    public enum Format {
        CSV, PARQUET;

        public static Format of(String flag, String path) {
            if (flag != null) {
                return switch (flag.toLowerCase(Locale.ROOT)) {
                    case "csv" -> CSV;
                    case "parquet" -> PARQUET;
                    default -> throw new IllegalArgumentException("format must be csv or parquet, was '" + flag + "'");
                };
            }
            String name = path.toLowerCase(Locale.ROOT);
            return name.endsWith(".csv") || name.endsWith(".csv.gz") ? CSV : PARQUET;
        }
    }

    private final SparkSession spark;

    public BatchPrediction(SparkSession spark) {
        this.spark = spark;
    }

    /** Reads {@code input}, classifies it and writes {@code output}; returns the number of rows. */
    public long run(TextclfTransformer transformer, String input, Format inputFormat, String output,
                    Format outputFormat) {
        Dataset<Row> rows = read(input, inputFormat);
        Dataset<Row> classified = transformer.transform(rows).cache();
        try {
            if (outputFormat == Format.CSV) {
                classified.withColumn("top_k", functions.to_json(functions.col("top_k")))
                        .write().mode(SaveMode.Overwrite).option("header", true).option("escape", "\"").csv(output);
            } else {
                classified.write().mode(SaveMode.Overwrite).parquet(output);
            }
            return classified.count();
        } finally {
            classified.unpersist();
        }
    }

    private Dataset<Row> read(String input, Format format) {
        if (format == Format.PARQUET) {
            return spark.read().parquet(input);
        }
        DataFrameReader reader = spark.read().option("header", true).option("multiLine", true)
                .option("quote", "\"").option("escape", "\"");
        return reader.csv(input);
    }
}
