package io.textclf.application.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.application.TestData;
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

class AgNewsCsvReaderTest {

    @TempDir
    Path dir;

    private final AgNewsCsvReader reader = new AgNewsCsvReader();

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void joinsTitleAndDescriptionWithASpaceAndShiftsLabelsToZero() throws IOException {
        Path file = write("t.csv", "\"3\",\"Wall St.\",\"Bears claw back\"\n\"1\",\"A\",\"B\"\n");
        List<Example> rows = reader.read(file, 4, BadRowPolicy.FAIL).examples();
        assertEquals(List.of(new Example(2, "Wall St. Bears claw back"), new Example(0, "A B")), rows);
    }

    @Test
    void readsDoubledQuotesMultiLineFieldsLiteralBackslashesAndCrLf() throws IOException {
        Path file = write("t.csv", "\"2\",\"He said \"\"hi\"\"\",\"line one\nline two \\\\ \\n\"\r\n3,unquoted,\"x\"\r\n");
        List<Example> rows = reader.read(file, 4, BadRowPolicy.FAIL).examples();
        assertEquals(2, rows.size());
        assertEquals("He said \"hi\" line one\nline two \\\\ \\n", rows.get(0).text());
        assertEquals(new Example(2, "unquoted x"), rows.get(1));
    }

    @Test
    void readsGzipTransparently() throws IOException {
        Path file = dir.resolve("t.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("\"4\",\"t\",\"d\"\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of(new Example(3, "t d")), reader.read(file, 4, BadRowPolicy.FAIL).examples());
    }

    @Test
    void wrongFieldCountNamesFileAndLineOfTheRecord() throws IOException {
        Path file = write("bad.csv", "\"1\",\"a\",\"multi\nline\"\n\"2\",\"only two\"\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> reader.read(file, 4, BadRowPolicy.FAIL));
        assertEquals(file + ":3: expected 3 fields (class index, title, description), found 2", e.getMessage());
    }

    @Test
    void aQuoteLeftOpenInTheMiddleIsPointedAt() throws IOException {
        Path file = write("open.csv", "\"1\",\"a\",\"b\"\n\"2\",\"Ti\"tle\",\"oops\n\"3\",\"c\",\"d\"\n\"4\",\"e\",\"f\"\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> reader.read(file, 4, BadRowPolicy.FAIL));
        assertTrue(e.getMessage().startsWith(file + ":2: expected 3 fields (class index, title, description), found "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("; a quoted field runs from this line to line 3, and the row holds them "
                + "all: is a quote on this line left open?"), e.getMessage());
        ReadResult skipped = reader.read(file, 4, BadRowPolicy.SKIP);
        assertEquals(List.of(0, 3), skipped.examples().stream().map(Example::label).toList(),
                "the rows of lines 2 and 3 are one malformed row; line 4's row is read");
    }

    @Test
    void nonNumericAndOutOfRangeClassIndicesAreNamed() throws IOException {
        Path words = write("words.csv", "\"World\",\"a\",\"b\"\n");
        assertEquals(words + ":1: class index 'World' is not a whole number",
                assertThrows(DatasetFormatException.class, () -> reader.read(words, 4, BadRowPolicy.FAIL)).getMessage());
        Path range = write("range.csv", "\"1\",\"a\",\"b\"\n\"5\",\"a\",\"b\"\n");
        assertEquals(range + ":2: class index 5 is outside 1..4 (the indices of the 4 classes)",
                assertThrows(DatasetFormatException.class, () -> reader.read(range, 4, BadRowPolicy.FAIL)).getMessage());
    }

    @Test
    void unterminatedQuoteIsReportedAtTheLineItOpened() throws IOException {
        Path file = write("open.csv", "\"1\",\"a\",\"b\"\n\"2\",\"never closed,x\n\n");
        assertEquals(file + ":2: a quoted field opened here is never closed",
                assertThrows(DatasetFormatException.class, () -> reader.read(file, 4, BadRowPolicy.FAIL)).getMessage());
    }

    @Test
    void skipPolicyKeepsGoodRowsAndReportsEachBadOne() throws IOException {
        Path file = write("mixed.csv", "\"1\",\"a\",\"b\"\n\"x\",\"a\",\"b\"\n\"2\",\"c\"\n\"3\",\"e\",\"f\"\n");
        ReadResult result = reader.read(file, 4, BadRowPolicy.SKIP);
        assertEquals(2, result.examples().size());
        assertEquals(2, result.skippedRows().size());
        assertTrue(result.skippedRows().get(1).startsWith(file + ":3:"));
    }

    @Test
    void truncatedOrCorruptGzipIsAClearError() throws IOException {
        byte[] whole = Files.readAllBytes(TestData.debian().resolve("test.csv.gz"));
        Path truncated = Files.write(dir.resolve("truncated.csv.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertEquals(truncated + ": the gzip data ends too soon: the file is truncated (copy or download it again)",
                assertThrows(DatasetFormatException.class, () -> reader.read(truncated, 41, BadRowPolicy.FAIL))
                        .getMessage());
        byte[] corrupt = whole.clone();
        for (int i = 100; i < 200; i++) {
            corrupt[i] = (byte) 0xFF;
        }
        Path damaged = Files.write(dir.resolve("damaged.csv.gz"), corrupt);
        assertTrue(assertThrows(DatasetFormatException.class, () -> reader.read(damaged, 41, BadRowPolicy.FAIL))
                .getMessage().startsWith(damaged + ": not valid gzip data ("));
    }

    @Test
    void invalidUtf8IsAClearError() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, new byte[] {'"', '1', '"', ',', '"', (byte) 0xE9, '"', ',', '"', 'b', '"', '\n'});
        assertEquals(file + ":1: not valid UTF-8 text (a dataset file is UTF-8 throughout, --skip-bad-rows "
                + "or not: convert it, e.g. iconv -f latin1 -t utf-8)",
                assertThrows(DatasetFormatException.class, () -> reader.read(file, 4, BadRowPolicy.FAIL)).getMessage());
    }

    @Test
    void readsTheRealFilesWithTheRowCountsOfTheirReadme() {
        assertEquals(6000, reader.read(TestData.agNewsMini().resolve("train.csv"), 4, BadRowPolicy.FAIL).examples().size());
        assertEquals(1600, reader.read(TestData.agNewsMini().resolve("test.csv"), 4, BadRowPolicy.FAIL).examples().size());
        List<Example> agNews = reader.read(TestData.agNews().resolve("test.csv"), 4, BadRowPolicy.FAIL).examples();
        assertEquals(7600, agNews.size());
        for (int label = 0; label < 4; label++) {
            int wanted = label;
            assertEquals(1900, agNews.stream().filter(e -> e.label() == wanted).count());
        }
        assertEquals(53312, reader.read(TestData.debian().resolve("train.csv.gz"), 41, BadRowPolicy.FAIL).examples().size());
        assertEquals(6063, reader.read(TestData.debian().resolve("test.csv.gz"), 41, BadRowPolicy.FAIL).examples().size());
    }
}
