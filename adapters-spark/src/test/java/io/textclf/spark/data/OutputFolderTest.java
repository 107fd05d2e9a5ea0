package io.textclf.spark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {

    private static final Predicate<String> PREDICTIONS = name -> name.startsWith("part-") || name.equals("_SUCCESS");

    @TempDir
    Path dir;

    @Test
    void anAbsentEmptyOrEarlierOutputMayBeReplaced() throws IOException {
        check(dir.resolve("absent"));
        check(Files.createDirectory(dir.resolve("empty")));
        Path earlier = Files.createDirectory(dir.resolve("earlier"));
        Files.writeString(earlier.resolve("_SUCCESS"), "");
        Files.writeString(earlier.resolve("part-00000-abc.snappy.parquet"), "x");
        Files.writeString(earlier.resolve(".part-00000-abc.snappy.parquet.crc"), "x");
        check(earlier);
    }

    @Test
    void anOutputThatIsOrHoldsTheInputIsRefused() {
        Configuration hadoop = new Configuration();
        String earlier = dir.resolve("predictions").toString();
        assertEquals("refusing to write into " + earlier + ": the input " + earlier + " is that same path, and replacing "
                + "the folder would delete it before it is read; choose another output path",
                assertThrows(IllegalArgumentException.class, () -> OutputFolder.requireApart(earlier, earlier, hadoop))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutputFolder.requireApart(dir.toString(),
                dir.resolve("in.csv").toString(), hadoop));
        OutputFolder.requireApart(dir.resolve("out").toString(), dir.resolve("out-old").toString(), hadoop);
        OutputFolder.requireApart(dir.resolve("out").toString(), dir.resolve("in.csv").toString(), hadoop);
    }

    @Test
    void aFileOrAFolderHoldingSomethingElseIsRefusedNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("thesis.txt"), "important");
        assertEquals("refusing to overwrite " + file + ": it is a file, and predictions are written as a folder; "
                + "choose another output path or delete it", assertThrows(IllegalArgumentException.class,
                () -> check(file)).getMessage());
        Path documents = Files.createDirectory(dir.resolve("documents"));
        Files.writeString(documents.resolve("_SUCCESS"), "");
        Files.writeString(documents.resolve("thesis.txt"), "important");
        assertEquals("refusing to write predictions into " + documents + ": it holds thesis.txt, which an earlier run "
                + "did not write; choose another output path or empty it", assertThrows(IllegalArgumentException.class,
                () -> check(documents)).getMessage());
        assertEquals("important", Files.readString(documents.resolve("thesis.txt")));
    }

    private static void check(Path folder) {
        OutputFolder.requireReplaceable(folder.toString(), new Configuration(), "predictions", PREDICTIONS);
    }
}
