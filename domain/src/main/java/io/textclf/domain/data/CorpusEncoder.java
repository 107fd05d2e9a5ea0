package io.textclf.domain.data;

import io.textclf.domain.text.TokenSink;
import io.textclf.domain.text.TokenTable;
import io.textclf.domain.text.Tokenizer;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.text.VocabularyBuilder;
import io.textclf.domain.text.WordNgrams;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

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

    /** Shares per core: enough to balance the load, few enough that merging their tables stays cheap. */
    private static final int SHARES_PER_CORE = 2;

    /** What a share's table is sized for at first: about the distinct words of 10,000 English documents. */
    private static final int EXPECTED_DISTINCT_TOKENS = 1 << 15;

    private final Tokenizer tokenizer;
    private final WordNgrams ngrams;

    public CorpusEncoder(Tokenizer tokenizer, WordNgrams ngrams) {
        this.tokenizer = tokenizer;
        this.ngrams = ngrams;
    }

    /** A vocabulary built from documents, the documents encoded with it, and the held-out documents encoded with it. */
    public record Encoded(Vocabulary vocabulary, EncodedCorpus corpus, EncodedCorpus heldOut) {
    }

    /** Builds the vocabulary from {@code examples} with {@code builder}, then encodes them. */
    public Encoded buildAndEncode(List<Example> examples, VocabularyBuilder builder) {
        return buildAndEncode(examples, List.of(), builder, done -> { }, done -> { });
    }

    /**
     * Builds the vocabulary from {@code examples} with {@code builder}, then encodes them and
     * {@code heldOut} (documents that must not count, e.g. the test split) with it: both are tokenized
     * in one pass over every core, and encoded in another. Tells {@code tokenized} and then
     * {@code encoded} how many more documents of both are done, from the threads doing them, every 1024
     * documents or fewer.
     */
    public Encoded buildAndEncode(List<Example> examples, List<Example> heldOut, VocabularyBuilder builder,
                                  LongConsumer tokenized, LongConsumer encoded) {
        Shares counted = new Shares(examples);
        Shares held = new Shares(heldOut);
        Share[] all = Stream.concat(Arrays.stream(counted.shares), Arrays.stream(held.shares)).toArray(Share[]::new);
        runAll(all, share -> share.tokenize(tokenizer, tokenized));
        for (Share share : counted.shares) {
            builder.addCounts(share.table);
        }
        Vocabulary vocabulary = builder.build();
        runAll(all, share -> share.encode(vocabulary, ngrams, encoded));
        return new Encoded(vocabulary, counted.corpus(), held.corpus());
    }

    /** Encodes {@code examples} with a vocabulary built before (the test split, a model's evaluation). */
    public EncodedCorpus encode(List<Example> examples, Vocabulary vocabulary) {
        return encode(examples, vocabulary, done -> { });
    }

    /** As {@link #encode(List, Vocabulary)}, telling {@code encoded} how many more documents are done, from their thread. */
    public EncodedCorpus encode(List<Example> examples, Vocabulary vocabulary, LongConsumer encoded) {
        Shares shares = new Shares(examples);
        runAll(shares.shares, share -> {
            share.tokenize(tokenizer, done -> { });
            share.encode(vocabulary, ngrams, encoded);
        });
        return shares.corpus();
    }

    /** The features of one text: its words' vocabulary indices, then its n-grams' rows. */
    public int[] encode(String text, Vocabulary vocabulary) {
        return features(text, vocabulary);
    }

    private int[] features(String text, Vocabulary vocabulary) {
        IntList ids = new IntList();
        IntList hashes = ngrams.enabled() ? new IntList() : null;
        tokenizer.tokenize(text, (chars, start, end) -> {
            ids.add(vocabulary.indexOf(chars, start, end));
            if (hashes != null) {
                hashes.add(WordNgrams.hash(chars, start, end));
            }
        });
        int[] words = ids.toArray();
        return hashes == null ? words : ngrams.features(words, hashes.toArray(), vocabulary.size());
    }

    private static void runAll(Share[] shares, Consumer<Share> work) {
        IntStream.range(0, shares.length).parallel().forEach(s -> work.accept(shares[s]));
    }

    private static int[] labels(List<Example> examples) {
        int[] labels = new int[examples.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = examples.get(i).label();
        }
        return labels;
    }

    /** Documents split into shares of about equal size, and the arrays their encodings go to. */
    private static final class Shares {
        private final List<Example> examples;
        private final int[][] documents;
        private final int[] words;
        private final Share[] shares;

        Shares(List<Example> examples) {
            this.examples = examples;
            documents = new int[examples.size()][];
            words = new int[examples.size()];
            int parallelism = ForkJoinPool.getCommonPoolParallelism() + 1;
            int count = Math.max(1, Math.min(SHARES_PER_CORE * parallelism,
                    (examples.size() + DOCUMENTS_PER_SHARE - 1) / DOCUMENTS_PER_SHARE));
            shares = new Share[count];
            for (int s = 0; s < count; s++) {
                shares[s] = new Share(this, (int) ((long) examples.size() * s / count),
                        (int) ((long) examples.size() * (s + 1) / count));
            }
        }

        EncodedCorpus corpus() {
            return new EncodedCorpus(documents, labels(examples), words);
        }
    }

    /** Documents {@code [from, to)} of some {@link Shares}: their tokens as ids of a table of the share's own. */
    private static final class Share {
        private final Shares owner;
        private final int from;
        private final int to;
        private final TokenTable table;

        Share(Shares owner, int from, int to) {
            this.owner = owner;
            this.from = from;
            this.to = to;
            this.table = new TokenTable(Math.min(EXPECTED_DISTINCT_TOKENS, 64 * (to - from)));
        }

        /** Tokenizes the documents; their local ids wait in the owner's document array. */
        void tokenize(Tokenizer tokenizer, LongConsumer tokenized) {
            IntList ids = new IntList();
            TokenSink sink = (chars, start, end) -> ids.add(table.add(chars, start, end));
            for (int i = from; i < to; i++) {
                ids.clear();
                tokenizer.tokenize(owner.examples.get(i).text(), sink);
                owner.documents[i] = ids.toArray();
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

        /** Replaces the local ids by vocabulary indices (and appends the n-grams' rows). */
        void encode(Vocabulary vocabulary, WordNgrams ngrams, LongConsumer encoded) {
            int[] vocabularyIndex = new int[table.size()];
            int[] hash = new int[ngrams.enabled() ? table.size() : 0];
            for (int id = 0; id < table.size(); id++) {
                vocabularyIndex[id] = vocabulary.indexOf(table.token(id));
                if (ngrams.enabled()) {
                    hash[id] = WordNgrams.hash(table.token(id));
                }
            }
            for (int i = from; i < to; i++) {
                int[] ids = owner.documents[i];
                int words = ids.length;
                int[] hashes = new int[ngrams.enabled() ? words : 0];
                for (int t = 0; t < words; t++) {
                    if (ngrams.enabled()) {
                        hashes[t] = hash[ids[t]];
                    }
                    ids[t] = vocabularyIndex[ids[t]];
                }
                owner.documents[i] = ngrams.enabled() ? ngrams.features(ids, hashes, vocabulary.size()) : ids;
                owner.words[i] = words;
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
