package io.textclf.spark.prepare;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a prepared corpus into a folder: {@code vocabulary.txt} (one token per line, in index
 * order), {@code labels.txt} (one class name per line) and {@code train.parquet} (row, label, ids).
 */
public final class PreparedOutput {

    private static final StructType SCHEMA = new StructType()
            .add("row", DataTypes.LongType, false)
            .add("label", DataTypes.IntegerType, false)
            .add("ids", DataTypes.createArrayType(DataTypes.IntegerType, false), false);

    private final SparkSession spark;

    public PreparedOutput(SparkSession spark) {
        this.spark = spark;
    }

    public void write(PreparedCorpus corpus, String folder) {
        Path root = new Path(folder);
        lines(new Path(root, "vocabulary.txt"), corpus.vocabulary().tokens());
        lines(new Path(root, "labels.txt"), corpus.labels());
        spark.createDataFrame(corpus.train().map(PreparedOutput::row), SCHEMA)
                .write().mode(SaveMode.Overwrite).parquet(new Path(root, "train.parquet").toString());
    }

    private static Row row(EncodedDocument document) {
        return RowFactory.create(document.row(), document.label(), document.ids());
    }

    private void lines(Path file, List<String> lines) {
        try {
            FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (Writer writer = new OutputStreamWriter(fs.create(file, true), StandardCharsets.UTF_8)) {
                for (String line : lines) {
                    writer.write(line);
                    writer.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
