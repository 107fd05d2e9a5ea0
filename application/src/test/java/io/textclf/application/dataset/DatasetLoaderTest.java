package io.textclf.application.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.application.TestData;
import io.textclf.application.progress.ProgressListener;
import io.textclf.domain.data.CorpusEncoder;
import io.textclf.domain.data.Example;
import io.textclf.domain.data.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {

    @TempDir
    Path dir;

    private final DatasetLoader loader = new DatasetLoader(new DatasetDownloader(Path.of("unused")), List.of());

    @Test
    void readsAFolderWithClassNamesAndChecksums() {
        Dataset dataset = loader.load(TestData.agNewsMini().toString(), BadRowPolicy.FAIL);
        assertEquals(List.of("World", "Sports", "Business", "Sci/Tech"), dataset.train().labelNames());
        assertEquals(6000, dataset.train().size());
        assertEquals(1600, dataset.test().orElseThrow().size());
        assertEquals(2, dataset.fingerprints().size());
        assertEquals(32, dataset.fingerprints().get(0).md5().length());
    }

    @Test
    void streamingHandsOverTheRowsThatLoadingKeepsInChunksInFileOrder() {
        DatasetFiles files = loader.locate(TestData.agNewsMini().toString());
        Dataset loaded = loader.load(files, BadRowPolicy.FAIL);
        List<List<Example>> train = new ArrayList<>();
        List<List<Example>> test = Collections.synchronizedList(new ArrayList<>());
        StreamedDataset streamed = loader.stream(files, BadRowPolicy.FAIL, ProgressListener.NONE, train::add,
                test::add);

        assertEquals(loaded.train().examples(), train.stream().flatMap(List::stream).toList());
        assertEquals(loaded.test().orElseThrow().examples(), test.stream().flatMap(List::stream).toList());
        int chunk = CorpusEncoder.CHUNK_DOCUMENTS;
        List<Integer> sizes = new ArrayList<>(Collections.nCopies(6000 / chunk, chunk));
        if (6000 % chunk != 0) {
            sizes.add(6000 % chunk);
        }
        assertEquals(sizes, train.stream().map(List::size).toList());
        assertEquals(6000, streamed.trainRows());
        assertEquals(Optional.of(1600L), streamed.testRows());
        assertEquals(loaded.fingerprints(), streamed.fingerprints());
        assertEquals(loaded.train().labelNames(), streamed.labels());
    }

    @Test
    void theAgNewsTestFileHasTheChecksumTorchtextChecks() {
        assertEquals("d52ea96a97a2d943681189a97654912d", Md5.of(TestData.agNews().resolve("test.csv")));
    }

    @Test
    void csvWithoutClassesTxtIsAClearError() throws IOException {
        Files.writeString(dir.resolve("train.csv"), "\"1\",\"a\",\"b\"\n");
        assertTrue(assertThrows(DatasetFormatException.class, () -> loader.locate(dir.toString()))
                .getMessage().endsWith("has train.csv but no classes.txt naming class N on line N"));
    }

    @Test
    void fastTextFolderIsRecognised() throws IOException {
        Files.writeString(dir.resolve("train.txt"), "__label__x one\n__label__y two\n");
        Files.writeString(dir.resolve("test.txt"), "__label__y three\n");
        Dataset dataset = loader.load(dir.toString(), BadRowPolicy.FAIL);
        assertEquals(Layout.FASTTEXT, dataset.files().layout());
        assertEquals(List.of("x", "y"), dataset.train().labelNames());
        assertEquals(1, dataset.test().orElseThrow().examples().get(0).label());
    }

    @Test
    void aFastTextFileWithOneClassIsRefused() throws IOException {
        Files.writeString(dir.resolve("train.txt"), "__label__x one\n__label__x two\n");
        assertEquals(dir.resolve("train.txt") + ": a classifier needs at least 2 classes, the file has 1 [x]",
                assertThrows(DatasetFormatException.class, () -> loader.load(dir.toString(), BadRowPolicy.FAIL))
                        .getMessage());
    }

    @Test
    void aFileThereBothPlainAndGzippedIsNotGuessed() throws IOException {
        Files.writeString(dir.resolve("classes.txt"), "World\nSports\n");
        Files.writeString(dir.resolve("train.csv"), "\"1\",\"a\",\"b\"\n");
        Files.writeString(dir.resolve("train.csv.gz"), "");
        assertEquals(dir + ": holds both train.csv and train.csv.gz: keep the one to read, move the other away",
                assertThrows(DatasetFormatException.class, () -> loader.locate(dir.toString())).getMessage());
        Files.delete(dir.resolve("train.csv.gz"));
        Files.writeString(dir.resolve("test.csv"), "\"1\",\"a\",\"b\"\n");
        Files.writeString(dir.resolve("test.csv.gz"), "");
        assertEquals(dir + ": holds both test.csv and test.csv.gz: keep the one to read, move the other away",
                assertThrows(DatasetFormatException.class, () -> loader.locate(dir.toString())).getMessage());
    }

    /** A test file of the other layout would go unread (and evaluate would say there is no test file). */
    @Test
    void aFolderOfTwoLayoutsIsNotGuessed() throws IOException {
        Files.writeString(dir.resolve("classes.txt"), "World\nSports\n");
        Files.writeString(dir.resolve("train.csv"), "\"1\",\"a\",\"b\"\n");
        Files.writeString(dir.resolve("test.txt"), "__label__World a b\n");
        assertEquals(dir + ": holds test.txt beside train.csv: a dataset folder holds the files of one layout, AG News "
                + "CSV (train.csv, test.csv, classes.txt) or fastText (train.txt, test.txt); move the others away",
                assertThrows(DatasetFormatException.class, () -> loader.locate(dir.toString())).getMessage());
        Files.delete(dir.resolve("train.csv"));
        Files.writeString(dir.resolve("train.txt"), "__label__World a b\n__label__Sports c d\n");
        Files.writeString(dir.resolve("test.csv.gz"), "");
        assertTrue(assertThrows(DatasetFormatException.class, () -> loader.locate(dir.toString())).getMessage()
                .startsWith(dir + ": holds test.csv.gz, classes.txt beside train.txt"));
        Files.delete(dir.resolve("test.csv.gz"));
        assertTrue(assertThrows(DatasetFormatException.class, () -> loader.locate(dir.toString())).getMessage()
                .startsWith(dir + ": holds classes.txt beside train.txt"), "its class names would go unread");
        Files.delete(dir.resolve("classes.txt"));
        assertEquals(Layout.FASTTEXT, loader.locate(dir.toString()).layout());
        Files.writeString(dir.resolve("test.csv.gz"), "");
        Files.delete(dir.resolve("train.txt"));
        Files.writeString(dir.resolve("test.txt"), "__label__World a b\n");
        assertTrue(assertThrows(DatasetFormatException.class, () -> loader.testOnlyFile(dir)).getMessage()
                .startsWith(dir + ": holds test.txt beside test.csv.gz"), "a folder of test files only, too");
        Files.delete(dir.resolve("test.csv.gz"));
        Files.writeString(dir.resolve("classes.txt"), "World\nSports\n");
        assertTrue(assertThrows(DatasetFormatException.class, () -> loader.testOnlyFile(dir)).getMessage()
                .startsWith(dir + ": holds classes.txt beside test.txt"));
    }

    /** Windows' "Unicode" text: the remedy names the encoding it is in. */
    @Test
    void utf16TextIsNamedAsSuch() throws IOException {
        Files.write(dir.resolve("train.txt"), "__label__a one\n__label__b two\n".getBytes(StandardCharsets.UTF_16LE));
        byte[] text = Files.readAllBytes(dir.resolve("train.txt"));
        byte[] marked = new byte[text.length + 2];
        marked[0] = (byte) 0xFF;
        marked[1] = (byte) 0xFE;
        System.arraycopy(text, 0, marked, 2, text.length);
        Files.write(dir.resolve("train.txt"), marked);
        assertEquals(dir.resolve("train.txt") + ": UTF-16 text (it starts with UTF-16's byte order mark), not UTF-8: "
                + "convert it, e.g. iconv -f utf-16 -t utf-8", assertThrows(DatasetFormatException.class,
                        () -> loader.load(dir.toString(), BadRowPolicy.FAIL)).getMessage());
    }

    /** Without the mark, ASCII in UTF-16 decodes as UTF-8 with a NUL beside each letter: caught before the rows. */
    @Test
    void utf16TextWithoutItsMarkIsNamedWithItsByteOrder() throws IOException {
        Files.copy(TestData.agNewsMini().resolve("classes.txt"), dir.resolve("classes.txt"));
        String rows = "\"1\",\"a\",\"b\"\n\"2\",\"c\",\"d\"\n";
        Files.write(dir.resolve("train.csv"), rows.getBytes(StandardCharsets.UTF_16LE));
        assertEquals(dir.resolve("train.csv") + ": UTF-16 text without a byte order mark (a NUL byte beside every "
                + "letter), not UTF-8: convert it, e.g. iconv -f utf-16le -t utf-8", assertThrows(
                        DatasetFormatException.class, () -> loader.load(dir.toString(), BadRowPolicy.FAIL))
                        .getMessage());
        Files.write(dir.resolve("train.csv"), rows.getBytes(StandardCharsets.UTF_16BE));
        assertTrue(assertThrows(DatasetFormatException.class, () -> loader.load(dir.toString(), BadRowPolicy.FAIL))
                .getMessage().endsWith("iconv -f utf-16be -t utf-8"));
        Files.write(dir.resolve("train.csv"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0, '1', 0, 0, 0});
        assertEquals(dir.resolve("train.csv") + ": UTF-32 text (it starts with UTF-32's byte order mark), not UTF-8: "
                + "convert it, e.g. iconv -f utf-32 -t utf-8", assertThrows(DatasetFormatException.class,
                        () -> loader.load(dir.toString(), BadRowPolicy.FAIL)).getMessage());
        Files.write(dir.resolve("train.csv"),
                (rows + "\"1\",\"a stray \u0000 NUL\",\"b\"\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(3, loader.load(dir.toString(), BadRowPolicy.FAIL).train().examples().size(),
                "a stray NUL is text, wherever it is");
        Files.write(dir.resolve("train.csv"), ("\uFEFF" + rows + rows).getBytes(StandardCharsets.UTF_8));
        assertEquals(4, loader.load(dir.toString(), BadRowPolicy.FAIL).train().examples().size(),
                "UTF-8 with its mark is read");
    }

    @Test
    void emptyFolderSaysWhatWasExpected() {
        assertTrue(assertThrows(DatasetFormatException.class, () -> loader.locate(dir.toString()))
                .getMessage().endsWith("expected train.csv[.gz] with classes.txt, or train.txt[.gz]"));
    }

    @Test
    void anExtraFileWithoutRowsIsRefusedNamingIt() throws IOException {
        Path empty = Files.writeString(dir.resolve("test.csv"), "");
        DatasetFormatException refused = assertThrows(DatasetFormatException.class, () -> loader.readFile(empty,
                Layout.AG_NEWS_CSV, List.of("World", "Sports"), BadRowPolicy.FAIL));
        assertEquals(empty + ": no rows", refused.getMessage());
    }

    @Test
    void aFileWhoseRowsAreAllMalformedSaysSoWithTheFirst() throws IOException {
        Path bad = Files.writeString(dir.resolve("test.csv"), "\"9\",\"a\",\"b\"\n\"7\",\"c\",\"d\"\n");
        assertEquals(bad + ": no valid rows: all 2 were malformed and skipped, the first: " + bad + ":1: class index 9 "
                + "is outside 1..2 (the indices of the 2 classes)", assertThrows(DatasetFormatException.class,
                () -> loader.readFile(bad, Layout.AG_NEWS_CSV, List.of("World", "Sports"), BadRowPolicy.SKIP))
                .getMessage());
        Files.writeString(dir.resolve("classes.txt"), "World\nSports\n");
        Files.copy(bad, dir.resolve("train.csv"));
        Files.delete(bad);
        String expected = dir.resolve("train.csv") + ": no valid rows: all 2 were malformed and skipped, the first: ";
        assertTrue(assertThrows(DatasetFormatException.class, () -> loader.load(dir.toString(), BadRowPolicy.SKIP))
                .getMessage().startsWith(expected));
        assertTrue(assertThrows(DatasetFormatException.class, () -> loader.survey(loader.locate(dir.toString()),
                BadRowPolicy.SKIP)).getMessage().startsWith(expected));
    }

    @Test
    void classesFileNeedsTwoNames() throws IOException {
        Files.writeString(dir.resolve("train.csv"), "\"1\",\"a\",\"b\"\n");
        Files.writeString(dir.resolve("classes.txt"), "Only\n");
        assertTrue(assertThrows(DatasetFormatException.class, () -> loader.load(dir.toString(), BadRowPolicy.FAIL))
                .getMessage().contains("needs at least 2 class names"));
    }
}
