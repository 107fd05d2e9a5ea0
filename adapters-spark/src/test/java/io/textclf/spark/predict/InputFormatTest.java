package io.textclf.spark.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An input given without --input-format is read as what its files are. */
class InputFormatTest {

    private final Configuration hadoop = new Configuration();

    @TempDir
    Path dir;

    @Test
    void aFolderOfCsvFilesIsReadAsCsv() throws IOException {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        Files.writeString(inbox.resolve("a.csv.gz"), "x");
        Files.writeString(inbox.resolve("b.CSV"), "x");
        Files.writeString(inbox.resolve("_SUCCESS"), "");
        Files.writeString(inbox.resolve(".b.CSV.crc"), "x");
        assertEquals(BatchPrediction.Format.CSV, BatchPrediction.Format.ofInput(inbox.toString(), hadoop));
        assertEquals(BatchPrediction.Format.CSV, BatchPrediction.Format.ofInput(inbox + "/*", hadoop));
    }

    @Test
    void parquetFilesMixedFoldersAndNamesWithoutCsvAreParquet() throws IOException {
        Path parquet = Files.createDirectory(dir.resolve("parquet"));
        Files.writeString(parquet.resolve("part-00000.snappy.parquet"), "x");
        assertEquals(BatchPrediction.Format.PARQUET, BatchPrediction.Format.ofInput(parquet.toString(), hadoop));
        Files.writeString(parquet.resolve("extra.csv"), "x");
        assertEquals(BatchPrediction.Format.PARQUET, BatchPrediction.Format.ofInput(parquet.toString(), hadoop));
        assertEquals(BatchPrediction.Format.PARQUET, BatchPrediction.Format.ofInput(
                Files.createDirectory(dir.resolve("empty")).toString(), hadoop));
        assertEquals(BatchPrediction.Format.CSV, BatchPrediction.Format.ofInput(dir.resolve("new.csv").toString(), hadoop),
                "a name that says csv is enough");
    }
}
