package io.textclf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.application.TestData;
import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.ModelMetrics;
import io.textclf.domain.model.Provenance;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.predict.Prediction;
import io.textclf.domain.predict.TextClassifier;
import io.textclf.domain.reference.ReferenceBackend;
import io.textclf.domain.text.BasicEnglishTokenizer;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.Trainer;
import io.textclf.domain.train.TrainingListener;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.modelformat.ModelFileStore;
import io.textclf.spark.predict.BatchPrediction;
import io.textclf.spark.predict.TextclfTransformer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch inference on {@code local[2]}: the transformer's answers are the domain classifier's. */
class PredictTest {

    private static ModelArtifact artifact;
    private static List<String> texts;

    private final SparkSession spark = LocalSpark.get();

    @BeforeAll
    static void trainOneEpochOnAgNewsMini() {
        SingleMachine data = SingleMachine.read(TestData.agNewsMini(), "train.csv", 1, 0);
        TrainingSettings settings = TrainingSettings.tutorial().withEpochs(1);
        EncodedCorpus corpus = data.encoded();
        ModelDims dims = new ModelDims(data.vocabulary().size(), settings.embeddingDim(), data.labels().size());
        Trainer.Result result = new Trainer(new ReferenceBackend(), new CrossEntropyLoss(), settings).train(
                new UniformInitializer(settings.initRange(), settings.seed()).initialize(dims), corpus,
                new EncodedCorpus(new int[0][], new int[0]), new TrainingListener() { });
        artifact = new ModelArtifact(PipelineSpec.tutorial(), data.vocabulary(), data.labels(), result.parameters(),
                settings, new ModelMetrics(Double.NaN, Double.NaN, 0, Double.NaN, result.epochs()),
                new Provenance(List.of(), "reference", "test", "17", Instant.now(), "test", 0));
        texts = SingleMachine.read(TestData.agNewsMini(), "test.csv", 1, 0).examples().stream()
                .limit(700).map(e -> e.text()).toList();
    }

    private Dataset<Row> frame() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(RowFactory.create((long) i, texts.get(i)));
        }
        rows.add(RowFactory.create((long) texts.size(), null));
        StructType schema = new StructType().add("id", DataTypes.LongType).add("text", DataTypes.StringType);
        return spark.createDataFrame(rows, schema).repartition(3);
    }

    @Test
    void transformAddsLabelProbabilityAndTopKAsTheDomainClassifierComputesThem() {
        TextclfTransformer transformer = new TextclfTransformer(artifact).setTopK(2);
        List<Row> rows = transformer.transform(frame()).orderBy("id").collectAsList();
        transformer.release();
        assertEquals(texts.size() + 1, rows.size());
        try (TextClassifier expected = new TextClassifier(new BasicEnglishTokenizer(), artifact.vocabulary(),
                artifact.labels(), new ReferenceBackend().inference(artifact.parameters()))) {
            for (int i = 0; i <= texts.size(); i++) {
                Row row = rows.get(i);
                Prediction prediction = expected.predict(i < texts.size() ? texts.get(i) : "", 2);
                assertEquals(prediction.top().label(), row.getString(2), "row " + i);
                assertEquals(prediction.top().probability(), row.getDouble(3), 1e-12, "row " + i);
                List<Row> top = row.getList(4);
                assertEquals(2, top.size());
                assertEquals(prediction.labels().get(1).label(), top.get(1).getString(0));
            }
        }
    }

    @Test
    void transformRefusesAMissingColumnAndATakenOutputName() {
        TextclfTransformer transformer = new TextclfTransformer(artifact);
        assertThrows(IllegalArgumentException.class, () -> transformer.setInputCol("body").transform(frame()));
        assertThrows(IllegalArgumentException.class,
                () -> transformer.setInputCol("text").setLabelCol("id").transform(frame()));
    }

    @Test
    void predictReadsCsvAndWritesParquetAndCsv(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("mini.textclf");
        new ModelFileStore().save(artifact, model);
        Path input = dir.resolve("in.csv");
        List<String> lines = new ArrayList<>(List.of("id,text"));
        for (int i = 0; i < 50; i++) {
            lines.add(i + ",\"" + texts.get(i).replace("\"", "\"\"") + "\"");
        }
        Files.write(input, lines);
        TextclfTransformer transformer = new TextclfTransformer(new ModelFileStore().load(model));
        long rows = new BatchPrediction(spark).run(transformer, input.toString(), BatchPrediction.Format.CSV,
                dir.resolve("out.parquet").toString(), BatchPrediction.Format.PARQUET);
        assertEquals(50, rows);
        Dataset<Row> parquet = spark.read().parquet(dir.resolve("out.parquet").toString());
        assertEquals(List.of("id", "text", "label", "probability", "top_k"), List.of(parquet.columns()));
        assertEquals(3, parquet.first().getList(4).size());
        // CSV out, the top classes under another name as JSON, every text as it came (spaces at its ends too)
        transformer.setTopKCol("best");
        new BatchPrediction(spark).run(transformer, input.toString(), BatchPrediction.Format.CSV,
                dir.resolve("again.csv").toString(), BatchPrediction.Format.CSV);
        transformer.release();
        Dataset<Row> csv = spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
                .option("ignoreLeadingWhiteSpace", false).option("ignoreTrailingWhiteSpace", false)
                .csv(dir.resolve("again.csv").toString());
        assertEquals(50, csv.count());
        assertTrue(csv.first().getString(csv.first().fieldIndex("best")).startsWith("[{\"label\":"));
        Dataset<Row> read = spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
                .option("ignoreLeadingWhiteSpace", false).option("ignoreTrailingWhiteSpace", false)
                .csv(input.toString());
        assertEquals(read.select("text").collectAsList(), csv.select("text").collectAsList());
    }

    /** A job that fails leaves the output of the run before it as it was, never an emptied folder. */
    @Test
    void aFailedJobLeavesTheEarlierOutputAsItWas(@TempDir Path dir) throws Exception {
        Path good = Files.write(dir.resolve("good.csv"), List.of("id,text", "0,stocks rose", "1,the team won"));
        Path bad = Files.write(dir.resolve("bad.csv"), List.of("id,text", "0,stocks fell, then rose"));
        Path output = dir.resolve("predictions");
        TextclfTransformer transformer = new TextclfTransformer(artifact);
        new BatchPrediction(spark).run(transformer, good.toString(), BatchPrediction.Format.CSV, output.toString(),
                BatchPrediction.Format.PARQUET);
        List<Row> before = spark.read().parquet(output.toString()).collectAsList();
        assertThrows(IllegalArgumentException.class, () -> new BatchPrediction(spark).run(transformer, bad.toString(),
                BatchPrediction.Format.CSV, output.toString(), BatchPrediction.Format.PARQUET));
        transformer.release();
        assertEquals(before, spark.read().parquet(output.toString()).collectAsList());
        try (var entries = Files.list(dir)) {
            assertEquals(List.of(), entries.filter(entry -> entry.getFileName().toString().startsWith("."))
                    .toList(), "no staging folder left");
        }
    }

    @Test
    void aCsvRowWithMoreFieldsThanTheHeaderFailsNamingTheFileAndTheRow(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("in box"));
        Path input = folder.resolve("unquoted news.csv");
        Files.write(input, List.of("id,text", "0,\"" + texts.get(0).replace("\"", "\"\"") + "\"",
                "1,stocks fell, then rose", "2,\"" + texts.get(2).replace("\"", "\"\"") + "\""));
        TextclfTransformer transformer = new TextclfTransformer(artifact);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchPrediction(spark)
                .run(transformer, folder.toString(), BatchPrediction.Format.CSV, dir.resolve("out").toString(),
                        BatchPrediction.Format.PARQUET));
        transformer.release();
        assertTrue(e.getMessage().startsWith(input + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("1,stocks fell, then rose"), e.getMessage());
    }

    @Test
    void theCommandSaysAMalformedRowInOneLineAndLeavesNoOutputFolder(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("news.textclf");
        new io.textclf.modelformat.ModelFileStore().save(artifact, model);
        Path input = Files.write(dir.resolve("short.csv"), List.of("id,text", "0,stocks rose", "1"));
        Path output = dir.resolve("predictions");
        SparkCommandProcess.Result run = SparkCommandProcess.run(dir, "predict", "-m", model.toString(), "-i",
                input.toString(), "-o", output.toString());
        assertEquals(1, run.code(), run.err());
        assertEquals(List.of("textclf-spark: " + input + ": [MALFORMED_CSV_RECORD] Malformed CSV record: 1 (every row "
                + "needs the header's columns; a text holding commas, quotes or line breaks must be quoted, with quotes "
                + "in it doubled)"), run.err().lines().toList(), "one line, none of Spark's logging");
        assertFalse(Files.exists(output), "a failed job leaves no empty output folder");
    }

    @Test
    void anInputThatNamesNothingIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        var hadoop = spark.sparkContext().hadoopConfiguration();
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> BatchPrediction.requireInput(dir.resolve("nope.csv").toString(), hadoop));
        assertEquals("no input '" + dir.resolve("nope.csv") + "': no file or folder has that name",
                missing.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BatchPrediction.requireInput(dir.resolve("*.csv").toString(), hadoop));
        Files.writeString(dir.resolve("in.csv"), "id,text\n1,stocks\n");
        BatchPrediction.requireInput(dir.resolve("*.csv").toString(), hadoop);
        BatchPrediction.requireInput(dir.toString(), hadoop);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("_SUCCESS"), "");
        assertEquals("input folder '" + empty + "' holds no files to classify", assertThrows(
                IllegalArgumentException.class, () -> BatchPrediction.requireInput(empty.toString(), hadoop))
                .getMessage());
    }

    @Test
    void theCommandLineNamesAMissingModelFileAndExitsWithOne(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        int code = io.textclf.spark.cli.SparkMain.run(new String[] {"predict", "-m", dir.resolve("none.textclf")
                .toString(), "-i", "x.csv", "-o", "y"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(1, code);
        assertTrue(err.toString().contains("none.textclf"), err.toString());
        assertEquals(2, io.textclf.spark.cli.SparkMain.run(new String[] {"predict"}, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())));
    }
}
