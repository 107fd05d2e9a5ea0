package io.textclf.spark.predict;

import io.textclf.spark.data.OutputFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code textclf-spark predict}: classifies every row of a CSV (with a header) or Parquet input with a
 * {@link TextclfTransformer} and writes Parquet or CSV. CSV cannot hold arrays, so there the
 * {@code top_k} column is JSON text, e.g. {@code [{"label":"World","probability":0.93},...]}.
 */
public final class BatchPrediction {

    /** A file format, chosen by the flag or else by the path's extension. */
    public enum Format {
        CSV, PARQUET;

        /**
         * The format {@code flag} names, or when it is null the one {@code path}'s name suggests: CSV for
         * {@code *.csv[.gz]}, else Parquet.
         *
         * @param option the flag's name, for the error message
         * @throws IllegalArgumentException naming {@code option} when {@code flag} is neither csv nor parquet
         */
        public static Format of(String option, String flag, String path) {
            if (flag != null) {
                return switch (flag.toLowerCase(Locale.ROOT)) {
                    case "csv" -> CSV;
                    case "parquet" -> PARQUET;
                    default -> throw new IllegalArgumentException(option + " must be csv or parquet, was '" + flag
                            + "'");
                };
            }
            return csvName(path) ? CSV : PARQUET;
        }

        /**
         * The format of an input given without {@code --input-format}: CSV when its name ends with {@code .csv} or
         * {@code .csv.gz}, or when it is a folder (or glob) whose data files all do; else Parquet.
         */
        public static Format ofInput(String input, Configuration hadoop) {
            if (csvName(input)) {
                return CSV;
            }
            try {
                org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(input);
                FileSystem fs = path.getFileSystem(hadoop);
                FileStatus[] matches = fs.globStatus(path);
                List<String> names = new ArrayList<>();
                for (FileStatus match : matches == null ? new FileStatus[0] : matches) {
                    FileStatus[] entries = match.isDirectory() ? fs.listStatus(match.getPath())
                            : new FileStatus[] {match};
                    for (FileStatus file : entries) {
                        String name = file.getPath().getName();
                        // Spark's and Hadoop's own files: _SUCCESS, .crc checksums
                        if (file.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                            names.add(name);
                        }
                    }
                }
                return !names.isEmpty() && names.stream().allMatch(Format::csvName) ? CSV : PARQUET;
            } catch (IOException e) {
                return PARQUET;
            }
        }

        private static boolean csvName(String path) {
            String name = path.toLowerCase(Locale.ROOT);
            return name.endsWith(".csv") || name.endsWith(".csv.gz");
        }
    }

    private final SparkSession spark;

    public BatchPrediction(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * Refuses, in one line, an input that names nothing: a path, folder or glob ({@code s3a://inbox/*.csv}) that
     * matches no file (Spark would fail with a stack trace of the file system).
     *
     * @throws IllegalArgumentException naming the input
     */
    public static void requireInput(String input, Configuration hadoop) {
        try {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(input);
            FileSystem fs = path.getFileSystem(hadoop);
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null || matches.length == 0) {
                throw new IllegalArgumentException("no input '" + input + "': no file or folder has that name");
            }
            if (matches.length == 1 && OutputFolder.holdsNoData(fs, matches[0].getPath())) {
                throw new IllegalArgumentException("input folder '" + input + "' holds no files to classify");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read input '" + input + "': " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code input}, classifies it and writes {@code output}, in place of an earlier output only once the job
     * has succeeded; returns the number of rows.
     */
    public long run(TextclfTransformer transformer, String input, Format inputFormat, String output,
                    Format outputFormat) {
        Dataset<Row> rows = read(input, inputFormat);
        Dataset<Row> classified = transformer.transform(rows).cache();
        try {
            return OutputFolder.replaceWhenDone(output, spark.sparkContext().hadoopConfiguration(), folder -> {
                write(classified, folder, outputFormat);
                return classified.count();
            });
        } catch (Exception e) {
            Optional<IllegalArgumentException> told = malformedCsv(e, input).or(() -> notParquet(e, input));
            if (told.isPresent()) {
                throw told.get();
            }
            throw e;
        } finally {
            classified.unpersist();
        }
    }

    /**
     * Writes {@code classified}: as CSV, every column of several values (the top classes, any such input column) as
     * JSON, and every text as it is (Spark's CSV writer would strip its spaces at either end).
     */
    private static void write(Dataset<Row> classified, String folder, Format format) {
        if (format == Format.PARQUET) {
            classified.write().mode(SaveMode.Overwrite).parquet(folder);
            return;
        }
        Dataset<Row> flat = classified;
        for (StructField field : classified.schema().fields()) {
            if (field.dataType() instanceof ArrayType || field.dataType() instanceof StructType
                    || field.dataType() instanceof MapType) {
                flat = flat.withColumn(field.name(), functions.to_json(functions.col(field.name())));
            }
        }
        flat.write().mode(SaveMode.Overwrite).option("header", true).option("escape", "\"")
                .option("ignoreLeadingWhiteSpace", false).option("ignoreTrailingWhiteSpace", false).csv(folder);
    }

    /** A Parquet read of what is no Parquet (a folder of CSV files beside other files, say), told with the remedy. */
    private static Optional<IllegalArgumentException> notParquet(Throwable failure, String input) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.contains("is not a Parquet file")) {
                IllegalArgumentException told = new IllegalArgumentException(input + ": read as Parquet, but "
                        + message.lines().findFirst().orElse(message) + ": for CSV give --input-format csv (a folder is "
                        + "read whole, each of its files in that format)");
                told.addSuppressed(failure);
                return Optional.of(told);
            }
        }
        return Optional.empty();
    }

    /** Spark's wrapper of a task's read failure names the file it read: {@code ...reading file file:///a/b.csv.}. */
    private static final Pattern FAILED_FILE = Pattern.compile("while reading file (\\S+?)\\.?\\s");

    /** A {@code file:} URI as the local path it names (Spark encodes a space as {@code %20}); others as they are. */
    private static String localPath(String uri) {
        if (!uri.startsWith("file:")) {
            return uri;
        }
        try {
            return Path.of(URI.create(uri)).toString();
        } catch (IllegalArgumentException e) {
            return uri;
        }
    }

    /**
     * A CSV row whose fields do not match the header (Spark's {@code MALFORMED_CSV_RECORD}; the reader fails
     * rather than dropping or padding fields), told with the file (or the input, when Spark does not name it)
     * and what CSV wants.
     */
    private static Optional<IllegalArgumentException> malformedCsv(Throwable failure, String input) {
        String file = input;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause.getMessage();
            if (message == null) {
                continue;
            }
            Matcher named = FAILED_FILE.matcher(message);
            if (named.find()) {
                file = localPath(named.group(1));
            }
            if (message.contains("MALFORMED_CSV_RECORD")) {
                IllegalArgumentException told = new IllegalArgumentException(file + ": "
                        + message.replace(" SQLSTATE: KD000", "") + " (every row needs the header's columns; a text "
                        + "holding commas, quotes or line breaks must be quoted, with quotes in it doubled)");
                told.addSuppressed(failure);
                return Optional.of(told);
            }
        }
        return Optional.empty();
    }

    private Dataset<Row> read(String input, Format format) {
        if (format == Format.PARQUET) {
            return spark.read().parquet(input);
        }
        DataFrameReader reader = spark.read().option("header", true).option("multiLine", true)
                .option("quote", "\"").option("escape", "\"").option("mode", "FAILFAST");
        return reader.csv(input);
    }
}
