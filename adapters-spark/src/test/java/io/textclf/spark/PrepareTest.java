package io.textclf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.application.TestData;
import io.textclf.spark.data.CorpusReader;
import io.textclf.spark.data.SparkDataset;
import io.textclf.spark.prepare.CorpusPreparation;
import io.textclf.spark.prepare.EncodedDocument;
import io.textclf.spark.prepare.PreparedCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** prepare on {@code local[2]}: the vocabulary, order included, and the rows equal the single-machine ones. */
class PrepareTest {

    private final SparkSession spark = LocalSpark.get();
    private final JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());

    private PreparedCorpus prepare(Path folder, int minFreq, int maxTokens, boolean skip) {
        SparkDataset dataset = SparkDataset.locate(folder.toString(), context.hadoopConfiguration());
        return new CorpusPreparation(context, new CorpusReader(spark, skip)).prepare(dataset, minFreq, maxTokens);
    }

    @Test
    void debianVocabularyEqualsTheSingleMachineOneInOrder() {
        Path folder = TestData.debian();
        SingleMachine expected = SingleMachine.read(folder, "train.csv.gz", 1, 0);
        PreparedCorpus prepared = prepare(folder, 1, 0, false);
        assertEquals(expected.labels(), prepared.labels());
        assertEquals(expected.examples().size(), prepared.rows());
        assertEquals(expected.vocabulary().size(), prepared.vocabulary().size());
        assertEquals(expected.vocabulary().tokens(), prepared.vocabulary().tokens());
        List<EncodedDocument> rows = prepared.train().takeOrdered(50, new ByRow());
        for (EncodedDocument row : rows) {
            assertEquals(expected.examples().get((int) row.row()).label(), row.label(), "label of row " + row.row());
        }
    }

    @Test
    void minFreqAndMaxTokensFollowTheSingleMachineRule() {
        Path folder = TestData.agNewsMini();
        for (int[] limits : new int[][] {{3, 0}, {1, 500}, {2, 200}}) {
            SingleMachine expected = SingleMachine.read(folder, "train.csv", limits[0], limits[1]);
            assertEquals(expected.vocabulary().tokens(), prepare(folder, limits[0], limits[1], false).vocabulary().tokens(),
                    "min_freq " + limits[0] + ", max_tokens " + limits[1]);
        }
    }

    @Test
    void manyGzipFilesReadInNameOrderGiveTheVocabularyOfTheirConcatenation(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(TestData.agNewsMini().resolve("train.csv"));
        Files.copy(TestData.agNewsMini().resolve("classes.txt"), dir.resolve("classes.txt"));
        int third = lines.size() / 3;
        gzip(dir.resolve("train-00.csv.gz"), lines.subList(0, third));
        gzip(dir.resolve("train-01.csv.gz"), lines.subList(third, 2 * third));
        Files.write(dir.resolve("train-02.csv"), lines.subList(2 * third, lines.size()));
        SingleMachine expected = SingleMachine.read(TestData.agNewsMini(), "train.csv", 1, 0);
        PreparedCorpus prepared = prepare(dir, 1, 0, false);
        assertEquals(expected.examples().size(), prepared.rows());
        assertEquals(expected.vocabulary().tokens(), prepared.vocabulary().tokens());
        EncodedDocument last = prepared.train().takeOrdered(expected.examples().size(), new ByRow())
                .get(expected.examples().size() - 1);
        assertEquals(expected.examples().get(expected.examples().size() - 1).label(), last.label());
    }

    @Test
    void fastTextFilesLabelInOrderOfFirstAppearance(@TempDir Path dir) throws Exception {
        gzip(dir.resolve("train.txt.gz"), List.of("__label__sports Goal! the match", "", "__label__tech New chips.",
                "__label__sports the cup"));
        PreparedCorpus prepared = prepare(dir, 1, 0, false);
        assertEquals(List.of("sports", "tech"), prepared.labels());
        assertEquals(3, prepared.rows());
        assertEquals(List.of("<unk>", "the", "!", ".", "chips", "cup", "goal", "match", "new"),
                prepared.vocabulary().tokens());
    }

    @Test
    void aFastTextLineWithASecondLabelIsMalformed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("train.txt"), "__label__a one\n__label__a __label__b two\n__label__b three\n");
        String message = rootMessage(assertThrows(Exception.class, () -> prepare(dir, 1, 0, false)));
        assertTrue(message.contains("train.txt, record 2: a second label, 'b', after 'a'"), message);
        assertEquals(2, prepare(dir, 1, 0, true).rows());
    }

    @Test
    void aMalformedRowFailsNamingTheFileAndRecordOrIsSkipped(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("classes.txt"), "a\nb\n");
        Files.writeString(dir.resolve("train.csv"), "\"1\",\"t\",\"d\"\n\"7\",\"t\",\"d\"\n\"2\",\"x\",\"y\"\n");
        Exception failure = assertThrows(Exception.class, () -> prepare(dir, 1, 0, false));
        String message = rootMessage(failure);
        assertTrue(message.contains("train.csv, record 2: class index 7 is outside 1..2"), message);
        assertEquals(2, prepare(dir, 1, 0, true).rows());
    }

    static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private static void gzip(Path file, List<String> lines) throws Exception {
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Orders encoded documents by their row. */
    static final class ByRow implements java.util.Comparator<EncodedDocument>, java.io.Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(EncodedDocument a, EncodedDocument b) {
            return Long.compare(a.row(), b.row());
        }
    }
}
