package io.textclf.domain.data;

import io.textclf.domain.text.TokenTable;
import io.textclf.domain.text.Tokenizer;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.text.VocabularyBuilder;
import io.textclf.domain.text.WordNgrams;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;

/**
 * Tokenizes, counts and encodes documents on every core, without a string per token: each share of
 * the documents is tokenized once into a {@link TokenTable} of its own (ids local to the share, a
 * string per distinct token), the tables' counts build the vocabulary, and the local ids are then
 * mapped to vocabulary indices (and word n-grams added) in parallel. The result does not depend on
 * the number of cores.
 */
public final class CorpusEncoder {

    /** Documents between progress reports of a thread. */
    private static final int REPORT_EVERY = 1024;

    private static final int DOCUMENTS_PER_SHARE = 2048;

    private final Tokenizer tokenizer;
    private final WordNgrams ngrams;

    public CorpusEncoder(Tokenizer tokenizer, WordNgrams ngrams) {
        this.tokenizer = tokenizer;
        this.ngrams = ngrams;
    }

    /** A vocabulary built from documents, and the documents encoded with it. */
    public record Encoded(Vocabulary vocabulary, EncodedCorpus corpus) {
    }

    /** Builds the vocabulary from {@code examples} with {@code builder}, then encodes them. */
    public Encoded buildAndEncode(List<Example> examples, VocabularyBuilder builder) {
        return buildAndEncode(examples, builder, done -> { }, done -> { });
    }

    /**
     * As {@link #buildAndEncode(List, VocabularyBuilder)}, telling {@code tokenized} and then {@code encoded}
     * how many more documents are done, from the threads doing them, every 1024 documents
     * or fewer.
     */
    public Encoded buildAndEncode(List<Example> examples, VocabularyBuilder builder, LongConsumer tokenized,
                                  LongConsumer encoded) {
        Share[] shares = shares(examples.size());
        IntStream.range(0, shares.length).parallel().forEach(s -> shares[s].tokenize(examples, tokenizer, tokenized));
        for (Share share : shares) {
            builder.addCounts(share.table);
        }
        Vocabulary vocabulary = builder.build();
        int[][] documents = new int[examples.size()][];
        int[] words = new int[examples.size()];
        IntStream.range(0, shares.length).parallel()
                .forEach(s -> shares[s].encode(vocabulary, ngrams, documents, words, encoded));
        return new Encoded(vocabulary, new EncodedCorpus(documents, labels(examples), words));
    }

    /** Encodes {@code examples} with a vocabulary built before (the test split, a model's evaluation). */
    public EncodedCorpus encode(List<Example> examples, Vocabulary vocabulary) {
        return encode(examples, vocabulary, done -> { });
    }

    /** As {@link #encode(List, Vocabulary)}, telling {@code encoded} of each document done, from its thread. */
    public EncodedCorpus encode(List<Example> examples, Vocabulary vocabulary, LongConsumer encoded) {
        int[][] documents = new int[examples.size()][];
        int[] words = new int[examples.size()];
        IntStream.range(0, examples.size()).parallel().forEach(i -> {
            Features features = features(examples.get(i).text(), vocabulary);
            documents[i] = features.ids();
            words[i] = features.words();
            encoded.accept(1);
        });
        return new EncodedCorpus(documents, labels(examples), words);
    }

    /** The features of one text: its words' vocabulary indices, then its n-grams' rows. */
    public int[] encode(String text, Vocabulary vocabulary) {
        return features(text, vocabulary).ids();
    }

    private record Features(int[] ids, int words) {
    }

    private Features features(String text, Vocabulary vocabulary) {
        IntList ids = new IntList();
        IntList hashes = ngrams.enabled() ? new IntList() : null;
        tokenizer.tokenize(text, (chars, start, end) -> {
            ids.add(vocabulary.indexOf(chars, start, end));
            if (hashes != null) {
                hashes.add(WordNgrams.hash(chars, start, end));
            }
        });
        int[] words = ids.toArray();
        return new Features(hashes == null ? words : ngrams.features(words, hashes.toArray(), vocabulary.size()),
                words.length);
    }

    private static Share[] shares(int documents) {
        int parallelism = ForkJoinPool.getCommonPoolParallelism() + 1;
        int count = Math.max(1, Math.min(4 * parallelism, (documents + DOCUMENTS_PER_SHARE - 1) / DOCUMENTS_PER_SHARE));
        Share[] shares = new Share[count];
        for (int s = 0; s < count; s++) {
            shares[s] = new Share((int) ((long) documents * s / count), (int) ((long) documents * (s + 1) / count));
        }
        return shares;
    }

    private static int[] labels(List<Example> examples) {
        int[] labels = new int[examples.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = examples.get(i).label();
        }
        return labels;
    }

    /** Documents {@code [from, to)}: their tokens as ids of a table of the share's own. */
    private static final class Share {
        private final int from;
        private final int to;
        private final TokenTable table = new TokenTable();
        private int[][] localIds;

        Share(int from, int to) {
            this.from = from;
            this.to = to;
        }

        void tokenize(List<Example> examples, Tokenizer tokenizer, LongConsumer tokenized) {
            localIds = new int[to - from][];
            IntList ids = new IntList();
            for (int i = from; i < to; i++) {
                ids.clear();
                tokenizer.tokenize(examples.get(i).text(), (chars, start, end) -> ids.add(table.add(chars, start, end)));
                localIds[i - from] = ids.toArray();
                report(i, tokenized);
            }
        }

        /** Tells {@code done} of the documents up to {@code i}: every 1024 of them and at the share's end. */
        private void report(int i, LongConsumer done) {
            int counted = i + 1 - from;
            if (counted % REPORT_EVERY == 0) {
                done.accept(REPORT_EVERY);
            } else if (i + 1 == to) {
                done.accept(counted % REPORT_EVERY);
            }
        }

        void encode(Vocabulary vocabulary, WordNgrams ngrams, int[][] documents, int[] words, LongConsumer encoded) {
            int[] vocabularyIndex = new int[table.size()];
            int[] hash = new int[ngrams.enabled() ? table.size() : 0];
            for (int id = 0; id < table.size(); id++) {
                vocabularyIndex[id] = vocabulary.indexOf(table.token(id));
                if (ngrams.enabled()) {
                    hash[id] = WordNgrams.hash(table.token(id));
                }
            }
            for (int i = from; i < to; i++) {
                int[] local = localIds[i - from];
                int[] ids = new int[local.length];
                for (int t = 0; t < local.length; t++) {
                    ids[t] = vocabularyIndex[local[t]];
                }
                if (ngrams.enabled()) {
                    int[] hashes = new int[local.length];
                    for (int t = 0; t < local.length; t++) {
                        hashes[t] = hash[local[t]];
                    }
                    ids = ngrams.features(ids, hashes, vocabulary.size());
                }
                documents[i] = ids;
                words[i] = local.length;
                localIds[i - from] = null;
                report(i, encoded);
            }
        }
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] values = new int[128];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void clear() {
            size = 0;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
