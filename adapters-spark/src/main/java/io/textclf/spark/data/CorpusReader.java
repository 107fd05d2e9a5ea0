package io.textclf.spark.data;

import io.textclf.domain.data.AgNewsRow;
import io.textclf.domain.data.ClassNames;
import io.textclf.domain.data.FastTextLine;
import io.textclf.domain.data.Layout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * Reads a {@link SparkDataset}'s files on the executors into {@link Document}s numbered in file
 * order, the order {@code textclf train} reads them in: CSV through Spark's multi-line CSV source
 * (quote and escape {@code "}, as RFC 4180), fastText line by line. A file is read by one task (a
 * gzip file cannot be split, nor can a multi-line CSV), so the row numbers follow the files.
 * Malformed rows fail the read with the file and row, or are skipped and counted.
 */
public final class CorpusReader {

    private static final String CORRUPT = "_corrupt_record";
    private static final StructType CSV_SCHEMA = new StructType()
            .add("index", DataTypes.StringType)
            .add("title", DataTypes.StringType)
            .add("description", DataTypes.StringType)
            .add(CORRUPT, DataTypes.StringType);

    private final SparkSession spark;
    private final boolean skipBadRows;
    private final LongAccumulator skipped;

    public CorpusReader(SparkSession spark, boolean skipBadRows) {
        this.spark = spark;
        this.skipBadRows = skipBadRows;
        this.skipped = spark.sparkContext().longAccumulator("skipped rows");
    }

    /** Rows skipped as malformed so far (counted once the rows have been computed). */
    public long skippedRows() {
        return skipped.value();
    }

    /** The class names: classes.txt for CSV, the labels of the training files in order of first appearance for fastText. */
    public List<String> labels(SparkDataset dataset) {
        List<String> labels = dataset.layout() == Layout.AG_NEWS_CSV
                ? readClasses(dataset.classes().orElseThrow())
                : fastTextLabels(dataset.train());
        if (labels.size() < 2) {
            throw new DatasetException(dataset.folder() + ": a classifier needs at least 2 classes, found "
                    + labels.size() + " " + labels);
        }
        return labels;
    }

    /** The documents of {@code files}, numbered from 0 in file order; labels in {@code [0, labels.size())}. */
    public JavaRDD<Document> read(List<String> files, Layout layout, List<String> labels) {
        List<JavaRDD<Candidate>> parts = new ArrayList<>();
        for (String file : files) {
            parts.add(layout == Layout.AG_NEWS_CSV ? csv(file, labels.size()) : fastText(file, labels));
        }
        JavaRDD<Candidate> all = parts.size() == 1 ? parts.get(0)
                : JavaSparkContext.fromSparkContext(spark.sparkContext()).union(parts.toArray(JavaRDD[]::new));
        boolean skip = skipBadRows;
        LongAccumulator counter = skipped;
        return all.filter(candidate -> {
            if (candidate.problem() == null) {
                return true;
            }
            if (!skip) {
                throw new DatasetException(candidate.file() + ", record " + candidate.record() + ": "
                        + candidate.problem());
            }
            counter.add(1);
            return false;
        }).zipWithIndex().map(pair -> new Document(pair._2(), pair._1().label(), pair._1().text()));
    }

    /** A parsed row: a document, or the reason it is malformed. */
    private record Candidate(String file, long record, int label, String text, String problem)
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    private JavaRDD<Candidate> csv(String file, int numClasses) {
        JavaRDD<Row> rows = spark.read().schema(CSV_SCHEMA)
                .option("multiLine", true).option("quote", "\"").option("escape", "\"")
                .option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", CORRUPT)
                .csv(file).javaRDD();
        return rows.zipWithIndex().map(pair -> csvRow(file, pair._2() + 1, pair._1(), numClasses));
    }

    private static Candidate csvRow(String file, long record, Row row, int numClasses) {
        if (row.getString(3) != null) {
            return bad(file, record, "expected 3 fields (class index, title, description)");
        }
        String index = Objects.toString(row.getString(0), "");
        String problem = AgNewsRow.indexProblem(index, numClasses);
        if (problem != null) {
            return bad(file, record, problem);
        }
        int label = AgNewsRow.label(index);
        String text = Objects.toString(row.getString(1), "") + " " + Objects.toString(row.getString(2), "");
        return new Candidate(file, record, label, text, null);
    }

    private JavaRDD<Candidate> fastText(String file, List<String> labels) {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        return lines(file).filter(pair -> !pair._1().isBlank()).map(pair -> {
            String line = pair._1();
            String label = FastTextLine.label(line);
            String problem = FastTextLine.problem(line, label);
            if (problem != null) {
                return bad(file, pair._2() + 1, problem);
            }
            Integer id = index.get(label);
            if (id == null) {
                return bad(file, pair._2() + 1, "label '" + label + "' is not one of " + index.keySet());
            }
            return new Candidate(file, pair._2() + 1, id, FastTextLine.text(line, label), null);
        });
    }

    private JavaPairRDD<String, Long> lines(String file) {
        return spark.read().text(file).javaRDD().map(row -> row.getString(0)).zipWithIndex();
    }

    private List<String> fastTextLabels(List<String> files) {
        List<Tuple2<String, Long>> firsts = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            long fileRank = f;
            lines(files.get(f)).mapToPair(pair -> new Tuple2<>(FastTextLine.label(pair._1()), pair._2()))
                    .filter(pair -> pair._1() != null)
                    .reduceByKey(Math::min)
                    .collect()
                    .forEach(pair -> firsts.add(new Tuple2<>(pair._1(), (fileRank << 40) + pair._2())));
        }
        return firsts.stream().collect(java.util.stream.Collectors.toMap(Tuple2::_1, Tuple2::_2, Math::min))
                .entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
    }

    private List<String> readClasses(String file) {
        Path path = new Path(file);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                path.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(path), StandardCharsets.UTF_8))) {
            return ClassNames.parse(reader.lines().toList());
        } catch (ClassNames.MalformedException e) {
            throw new DatasetException(file + (e.line() == 0 ? "" : ", line " + e.line()) + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Candidate bad(String file, long record, String problem) {
        return new Candidate(file, record, -1, null, problem);
    }
}
