package io.textclf.application.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.textclf.domain.data.Example;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Byte-order marks and invalid UTF-8 in dataset files. */
class EncodingTest {

    private static final String BOM = "\uFEFF";

    @TempDir
    Path dir;

    private final DatasetLoader loader = new DatasetLoader(new DatasetDownloader(Path.of("unused")), List.of());

    @Test
    void aByteOrderMarkBeforeTheFirstRowIsNotPartOfIt() throws IOException {
        Files.writeString(dir.resolve("train.csv"), BOM + "\"1\",\"a\",\"b\"\n\"2\",\"c\",\"d\"\n");
        Files.writeString(dir.resolve("test.csv"), BOM + "\"2\",\"e\",\"f\"\n");
        Files.writeString(dir.resolve("classes.txt"), BOM + "World\nSports\n");
        Dataset dataset = loader.load(dir.toString(), BadRowPolicy.FAIL);
        assertEquals(List.of("World", "Sports"), dataset.train().labelNames());
        assertEquals(List.of(new Example(0, "a b"), new Example(1, "c d")), dataset.train().examples());
        assertEquals(List.of(new Example(1, "e f")), dataset.test().orElseThrow().examples());
    }

    @Test
    void aByteOrderMarkInAGzipFastTextFileIsNotPartOfTheLabel() throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("train.txt.gz")))) {
            out.write((BOM + "__label__a x\n__label__b y\n").getBytes(StandardCharsets.UTF_8));
        }
        Dataset dataset = loader.load(dir.toString(), BadRowPolicy.FAIL);
        assertEquals(List.of("a", "b"), dataset.train().labelNames());
        assertEquals(0, dataset.skippedRows().size());
    }

    @Test
    void invalidUtf8IsRefusedNamingItsLine() throws IOException {
        Path train = dir.resolve("train.csv");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            rows.append("\"1\",\"title ").append(i).append("\",\"a description long enough to fill buffers\"\n");
        }
        byte[] head = rows.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = "\"2\",\"caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = "\",\"d\"\n\"1\",\"a\",\"b\"\n".getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(train)) {
            out.write(head);
            out.write(bad);
            out.write(tail);
        }
        Files.writeString(dir.resolve("classes.txt"), "World\nSports\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> loader.load(dir.toString(), BadRowPolicy.SKIP));
        assertEquals(train + ":5001: not valid UTF-8 text (a dataset file is UTF-8 throughout, --skip-bad-rows "
                + "or not: convert it, e.g. iconv -f latin1 -t utf-8)", e.getMessage());
    }

    @Test
    void invalidUtf8InClassesTxtNamesItsLine() throws IOException {
        Files.writeString(dir.resolve("train.csv"), "\"1\",\"a\",\"b\"\n");
        Path classes = dir.resolve("classes.txt");
        Files.write(classes, "World\nSp\u00f6rts\n".getBytes(StandardCharsets.ISO_8859_1));
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> loader.load(dir.toString(), BadRowPolicy.FAIL));
        assertEquals(classes + ":2: not valid UTF-8 text (a dataset file is UTF-8 throughout, --skip-bad-rows "
                + "or not: convert it, e.g. iconv -f latin1 -t utf-8)", e.getMessage());
    }
}
