package io.textclf.application.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.textclf.domain.data.Example;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastTextReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsLabelAndTextAndListsLabelsInOrderOfAppearance() throws IOException {
        Path file = dir.resolve("train.txt");
        Files.writeString(file, "__label__sports Great match today\n\n__label__world  Summit opens\n");
        FastTextReader reader = new FastTextReader();
        assertEquals(List.of("sports", "world"), reader.labels(file));
        ReadResult result = reader.read(file, Map.of("sports", 0, "world", 1), BadRowPolicy.FAIL);
        assertEquals(List.of(new Example(0, "Great match today"), new Example(1, "Summit opens")), result.examples());
    }

    /** Lines end at \n (CRLF too), as fastText reads them: a lone \r stays in its line, and line numbers match. */
    @Test
    void aCarriageReturnAloneIsInsideItsLine() throws IOException {
        Path file = dir.resolve("train.txt");
        Files.writeString(file, "__label__a one\rtwo\r\n__label__b three\nno label here");
        ReadResult rows = new FastTextReader().read(file, Map.of("a", 0, "b", 1), BadRowPolicy.SKIP);
        assertEquals(List.of(new Example(0, "one\rtwo"), new Example(1, "three")), rows.examples());
        assertEquals(file + ":3: expected a line starting with __label__NAME",
                assertThrows(DatasetFormatException.class, () -> new FastTextReader().read(file,
                        Map.of("a", 0, "b", 1), BadRowPolicy.FAIL)).getMessage());
    }

    /** fastText skips lines of whitespace alone; they still count for the line numbers of later errors. */
    @Test
    void blankAndWhitespaceLinesAreSkippedButCounted() throws IOException {
        Path file = dir.resolve("train.txt");
        Files.writeString(file, "__label__a x\n   \n\t\n\n__label__b y\nbad\n");
        assertEquals(file + ":6: expected a line starting with __label__NAME",
                assertThrows(DatasetFormatException.class, () -> new FastTextReader().read(file,
                        Map.of("a", 0, "b", 1), BadRowPolicy.FAIL)).getMessage());
        Files.writeString(file, "__label__a x\n   \n__label__b y\n");
        assertEquals(List.of(new Example(0, "x"), new Example(1, "y")),
                new FastTextReader().read(file, Map.of("a", 0, "b", 1), BadRowPolicy.FAIL).examples());
    }

    @Test
    void lineWithoutLabelOrWithUnknownLabelNamesTheLine() throws IOException {
        Path file = dir.resolve("test.txt");
        Files.writeString(file, "__label__a ok\nno label here\n");
        assertEquals(file + ":2: expected a line starting with __label__NAME",
                assertThrows(DatasetFormatException.class,
                        () -> new FastTextReader().read(file, Map.of("a", 0), BadRowPolicy.FAIL)).getMessage());
        Files.writeString(file, "__label__b text\n");
        assertEquals(file + ":1: label 'b' is not one of [a]",
                assertThrows(DatasetFormatException.class,
                        () -> new FastTextReader().read(file, Map.of("a", 0), BadRowPolicy.FAIL)).getMessage());
        Map<String, Integer> news = Map.of("Sci/Tech", 3, "World", 0, "Business", 2, "Sports", 1);
        assertEquals(file + ":1: label 'b' is not one of [World, Sports, Business, Sci/Tech]",
                assertThrows(DatasetFormatException.class,
                        () -> new FastTextReader().read(file, news, BadRowPolicy.FAIL)).getMessage(),
                "the classes in the model's order");
    }

    @Test
    void aLineWithASecondLabelIsMalformedNotAWord() throws IOException {
        Path file = dir.resolve("train.txt");
        Files.writeString(file, "__label__a __label__b text one\n__label__a text two __label__b\n"
                + "__label__b mentions x__label__a and __label__\n");
        Map<String, Integer> labels = Map.of("a", 0, "b", 1);
        assertEquals(file + ":1: a second label, 'b', after 'a': textclf trains one label per document",
                assertThrows(DatasetFormatException.class,
                        () -> new FastTextReader().read(file, labels, BadRowPolicy.FAIL)).getMessage());
        ReadResult skipped = new FastTextReader().read(file, labels, BadRowPolicy.SKIP);
        assertEquals(List.of(new Example(1, "mentions x__label__a and __label__")), skipped.examples());
        assertEquals(2, skipped.skippedRows().size(), skipped.skippedRows().toString());
    }
}
