package io.textclf.spark.prepare;

import io.textclf.domain.text.BasicEnglishTokenizer;
import io.textclf.domain.text.TokenTable;
import io.textclf.domain.text.Tokenizer;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.text.VocabularyBuilder;
import io.textclf.spark.data.CorpusReader;
import io.textclf.spark.data.Document;
import io.textclf.spark.data.SparkDataset;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * {@code textclf-spark prepare}: reads the training files, tokenizes ({@code basic_english}) and
 * counts on the executors, and builds the vocabulary on the driver from the merged counts, with the
 * single-machine rule ({@link VocabularyBuilder}: count descending, then code-point order). The
 * documents are spread over the executors once they are numbered (a gzip file is read by one task). Only
 * tokens seen at least {@code minFreq} times travel to the driver: the driver holds the vocabulary,
 * never the documents.
 */
public final class CorpusPreparation {

    private final JavaSparkContext context;
    private final CorpusReader reader;

    public CorpusPreparation(JavaSparkContext context, CorpusReader reader) {
        this.context = context;
        this.reader = reader;
    }

    /**
     * Reads, counts and encodes the training files of {@code dataset}.
     *
     * @param minFreq   tokens seen fewer times are left out
     * @param maxTokens largest vocabulary including {@code <unk>}, 0 for no limit
     */
    public PreparedCorpus prepare(SparkDataset dataset, int minFreq, int maxTokens) {
        List<String> labels = reader.labels(dataset);
        JavaRDD<Document> documents = reader.read(dataset.train(), dataset.layout(), labels)
                .repartition(context.defaultParallelism())
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        Vocabulary vocabulary = vocabulary(documents, minFreq, maxTokens);
        JavaRDD<EncodedDocument> encoded = encode(documents, vocabulary);
        long rows = documents.count();
        long tokens = encoded.map(d -> (long) d.ids().length).fold(0L, Long::sum);
        return new PreparedCorpus(labels, vocabulary, encoded, rows, tokens);
    }

    /** The vocabulary of {@code documents}: counted per partition, merged by token, ordered on the driver. */
    public static Vocabulary vocabulary(JavaRDD<Document> documents, int minFreq, int maxTokens) {
        List<Tuple2<String, Long>> counts = documents.mapPartitionsToPair(CorpusPreparation::countPartition)
                .reduceByKey(Long::sum)
                .filter(pair -> pair._2() >= minFreq)
                .collect();
        TokenTable table = new TokenTable(counts.size());
        for (Tuple2<String, Long> count : counts) {
            table.add(count._1(), Math.toIntExact(count._2()));
        }
        return new VocabularyBuilder(List.of(Vocabulary.UNKNOWN), minFreq, maxTokens).addCounts(table).build();
    }

    /** {@code documents} as vocabulary indices; the vocabulary is broadcast once. */
    public JavaRDD<EncodedDocument> encode(JavaRDD<Document> documents, Vocabulary vocabulary) {
        Broadcast<PortableVocabulary> shared = context.broadcast(PortableVocabulary.of(vocabulary));
        return documents.mapPartitions(partition -> encodePartition(partition, shared.value()));
    }

    private static Iterator<EncodedDocument> encodePartition(Iterator<Document> partition, PortableVocabulary shared) {
        Tokenizer tokenizer = new BasicEnglishTokenizer();
        Vocabulary local = shared.toVocabulary();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return partition.hasNext();
            }

            @Override
            public EncodedDocument next() {
                Document document = partition.next();
                return new EncodedDocument(document.row(), document.label(),
                        local.encode(tokenizer.tokenize(document.text())));
            }
        };
    }

    private static Iterator<Tuple2<String, Long>> countPartition(Iterator<Document> documents) {
        Tokenizer tokenizer = new BasicEnglishTokenizer();
        Map<String, long[]> counts = new HashMap<>();
        while (documents.hasNext()) {
            for (String token : tokenizer.tokenize(documents.next().text())) {
                counts.computeIfAbsent(token, t -> new long[1])[0]++;
            }
        }
        return counts.entrySet().stream().map(e -> new Tuple2<>(e.getKey(), e.getValue()[0])).iterator();
    }
}
