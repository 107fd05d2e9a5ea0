package io.textclf.domain.data;

import io.textclf.domain.text.TokenSink;
import io.textclf.domain.text.TokenTable;
import io.textclf.domain.text.Tokenizer;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.text.VocabularyBuilder;
import io.textclf.domain.text.WordNgrams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Tokenizes, counts and encodes documents on every core, without a string per token. Documents come
 * in chunks through an {@link Intake}, if need be while they are still being read: each chunk is
 * tokenized on a core of the common pool into a {@link TokenTable} that the core holds meanwhile (ids
 * local to the table, a string per distinct token of the table), the counted tables' counts build the
 * vocabulary, and the local ids are then mapped to vocabulary indices (and word n-grams added) in
 * parallel. The result depends neither on the number of cores nor on which table took which chunk.
 */
public final class CorpusEncoder {

    /**
     * Documents per chunk where a whole list is encoded at once, and what readers hand over at a time. Small
     * enough that the texts of the chunks in flight fit the young generation's survivor space of the launcher's
     * heap (2.4 MB): texts that a young collection finds still waiting are copied, and when they do not fit,
     * promoted to the old generation, where they stay as garbage (debian_descriptions: 31-36 ms of collections
     * while reading, against 77-192 ms with 2,048 documents).
     */
    public static final int CHUNK_DOCUMENTS = 512;

    /** Documents between progress reports of a thread. */
    private static final int REPORT_EVERY = 1024;

    /**
     * Chunks waiting for a core beyond which the thread handing them over tokenizes one itself: the texts
     * of a chunk are garbage once it is tokenized, and a garbage collection that finds them still waiting
     * copies them.
     */
    private static final int MAX_PENDING_CHUNKS = 2;

    /** Features per document a new tokenizing buffer is sized for at first (it grows as needed). */
    private static final int TYPICAL_FEATURES = 64;

    /** The most ints a new tokenizing buffer starts with, whatever the chunk's size. */
    private static final int MAX_INITIAL_BUFFER = 1 << 20;

    /** What a table is sized for at first: about the distinct words of 10,000 English documents. */
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

    /** Starts taking documents in chunks. */
    public Intake intake() {
        return new Intake();
    }

    /** Builds the vocabulary from {@code examples} with {@code builder}, then encodes them. */
    public Encoded buildAndEncode(List<Example> examples, VocabularyBuilder builder) {
        return buildAndEncode(examples, List.of(), builder, done -> { }, done -> { });
    }

    /**
     * Builds the vocabulary from {@code examples} with {@code builder}, then encodes them and
     * {@code heldOut} (documents that must not count, e.g. the test split) with it, as an {@link Intake}
     * given both in chunks does.
     */
    public Encoded buildAndEncode(List<Example> examples, List<Example> heldOut, VocabularyBuilder builder,
                                  LongConsumer tokenized, LongConsumer encoded) {
        Intake intake = intake();
        chunks(examples).forEach(intake::addCounted);
        chunks(heldOut).forEach(intake::addHeldOut);
        return intake.build(builder, tokenized, encoded);
    }

    /** Encodes {@code examples} with a vocabulary built before (the test split, a model's evaluation). */
    public EncodedCorpus encode(List<Example> examples, Vocabulary vocabulary) {
        return encode(examples, vocabulary, done -> { });
    }

    /** As {@link #encode(List, Vocabulary)}, telling {@code encoded} how many more documents are done, from any thread. */
    public EncodedCorpus encode(List<Example> examples, Vocabulary vocabulary, LongConsumer encoded) {
        Intake intake = intake();
        chunks(examples).forEach(intake::addHeldOut);
        return intake.encode(vocabulary, done -> { }, encoded).heldOut();
    }

    /** The features of one text: its words' vocabulary indices, then its n-grams' rows. */
    public int[] encode(String text, Vocabulary vocabulary) {
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

    private static List<List<Example>> chunks(List<Example> examples) {
        List<List<Example>> chunks = new ArrayList<>();
        for (int from = 0; from < examples.size(); from += CHUNK_DOCUMENTS) {
            chunks.add(examples.subList(from, Math.min(examples.size(), from + CHUNK_DOCUMENTS)));
        }
        return chunks;
    }

    /**
     * Takes documents in chunks, in their order, from at most one thread for the counted documents and one
     * for the held-out ones, and tokenizes each chunk on the common pool meanwhile; {@link #build} or
     * {@link #encode} (once, after the last chunk) waits for them, helping, and encodes.
     */
    public final class Intake {
        private final List<Share> counted = Collections.synchronizedList(new ArrayList<>());
        private final List<Share> heldOut = Collections.synchronizedList(new ArrayList<>());
        private final Queue<Share> pending = new ConcurrentLinkedQueue<>();
        private final Queue<TokenTable> countedTables = new ConcurrentLinkedQueue<>();
        private final Queue<TokenTable> heldOutTables = new ConcurrentLinkedQueue<>();
        private final Queue<IntList> buffers = new ConcurrentLinkedQueue<>();
        private final Progress tokenized = new Progress();

        private Intake() {
        }

        /** Documents that build the vocabulary (the training split), after those given before. */
        public void addCounted(List<Example> chunk) {
            add(chunk, counted, countedTables);
        }

        /** Documents that are only encoded (the test split), after those given before. */
        public void addHeldOut(List<Example> chunk) {
            add(chunk, heldOut, heldOutTables);
        }

        private void add(List<Example> chunk, List<Share> shares, Queue<TokenTable> tables) {
            Share share = new Share(chunk, tables, buffers);
            shares.add(share);
            pending.add(share);
            ForkJoinPool.commonPool().execute(this::tokenizeOnePending);
            if (pending.size() > MAX_PENDING_CHUNKS) {
                tokenizeOnePending();
            }
        }

        private void tokenizeOnePending() {
            Share share = pending.poll();
            if (share != null) {
                share.tokenize(tokenizer, ngrams, tokenized);
            }
        }

        /**
         * Builds the vocabulary from the counted documents with {@code builder}, then encodes all of them.
         * Tells {@code tokenizedDocuments} (first what was done before this call) and then
         * {@code encodedDocuments} how many more documents are done, from the threads doing them, every
         * 1024 documents or fewer.
         */
        public Encoded build(VocabularyBuilder builder, LongConsumer tokenizedDocuments,
                             LongConsumer encodedDocuments) {
            awaitTokenized(tokenizedDocuments);
            for (TokenTable table : countedTables) {
                builder.addCounts(table);
            }
            return encodeTokenized(builder.build(), encodedDocuments);
        }

        /** Encodes all the documents with {@code vocabulary}, built before. */
        public Encoded encode(Vocabulary vocabulary, LongConsumer tokenizedDocuments, LongConsumer encodedDocuments) {
            awaitTokenized(tokenizedDocuments);
            return encodeTokenized(vocabulary, encodedDocuments);
        }

        private void awaitTokenized(LongConsumer tokenizedDocuments) {
            tokenized.listen(tokenizedDocuments);
            tokenizeAllPending();
            for (Share share : shares()) {
                share.await();
            }
        }

        private void tokenizeAllPending() {
            for (Share share = pending.poll(); share != null; share = pending.poll()) {
                share.tokenize(tokenizer, ngrams, tokenized);
            }
        }

        private Encoded encodeTokenized(Vocabulary vocabulary, LongConsumer encodedDocuments) {
            Map<TokenTable, TableMapping> mappings = new IdentityHashMap<>();
            Stream.concat(countedTables.stream(), heldOutTables.stream())
                    .forEach(table -> mappings.put(table, new TableMapping(table, vocabulary, ngrams)));
            mappings.values().parallelStream().forEach(TableMapping::compute);
            List<Share> all = shares();
            all.parallelStream().forEach(share -> share.encode(mappings.get(share.table), vocabulary.size(), ngrams,
                    encodedDocuments));
            return new Encoded(vocabulary, corpus(counted), corpus(heldOut));
        }

        private List<Share> shares() {
            List<Share> all = new ArrayList<>(counted);
            all.addAll(heldOut);
            return all;
        }
    }

    /** Documents of several shares, in order, as one corpus whose blocks are the shares' features. */
    private static EncodedCorpus corpus(List<Share> shares) {
        int size = shares.stream().mapToInt(share -> share.labels.length).sum();
        int[][] blocks = new int[shares.size()][];
        int[] block = new int[size];
        int[] start = new int[size];
        int[] length = new int[size];
        int[] labels = new int[size];
        int[] words = new int[size];
        int at = 0;
        for (int s = 0; s < blocks.length; s++) {
            Share share = shares.get(s);
            int n = share.labels.length;
            blocks[s] = share.features;
            Arrays.fill(block, at, at + n, s);
            System.arraycopy(share.starts, 0, start, at, n);
            System.arraycopy(share.lengths, 0, length, at, n);
            System.arraycopy(share.labels, 0, labels, at, n);
            System.arraycopy(share.words, 0, words, at, n);
            at += n;
        }
        return new EncodedCorpus(blocks, block, start, length, labels, words);
    }

    /** Progress reports of the tokenizing threads, held back until someone listens. */
    private static final class Progress {
        private LongConsumer listener;
        private long held;

        synchronized void listen(LongConsumer listener) {
            this.listener = listener;
            if (held > 0) {
                listener.accept(held);
            }
        }

        synchronized void add(long documents) {
            if (listener == null) {
                held += documents;
            } else {
                listener.accept(documents);
            }
        }
    }

    /** The vocabulary index (and n-gram hash) of every token of one table. */
    private static final class TableMapping {
        private final TokenTable table;
        private final Vocabulary vocabulary;
        private final WordNgrams ngrams;
        private int[] vocabularyIndex;
        private int[] hash;

        TableMapping(TokenTable table, Vocabulary vocabulary, WordNgrams ngrams) {
            this.table = table;
            this.vocabulary = vocabulary;
            this.ngrams = ngrams;
        }

        void compute() {
            vocabularyIndex = new int[table.size()];
            hash = new int[ngrams.enabled() ? table.size() : 0];
            int[] id = {0};
            table.forEachToken((chars, start, end) -> {
                vocabularyIndex[id[0]] = vocabulary.indexOf(chars, start, end);
                if (ngrams.enabled()) {
                    hash[id[0]] = WordNgrams.hash(chars, start, end);
                }
                id[0]++;
            });
        }
    }

    /**
     * One chunk of documents, their features one after the other in one array: first their tokens as ids of
     * the table that tokenized them, each document followed by room for its n-grams; then, encoded, their
     * vocabulary indices and n-gram rows in place.
     */
    private static final class Share {
        private final Queue<TokenTable> tables;
        private final Queue<IntList> buffers;
        private final CompletableFuture<Void> tokenized = new CompletableFuture<>();
        private List<Example> examples;
        private int[] features;
        private final int[] starts;
        private final int[] lengths;
        private final int[] labels;
        private final int[] words;
        private int longest;
        private TokenTable table;

        Share(List<Example> examples, Queue<TokenTable> tables, Queue<IntList> buffers) {
            this.examples = examples;
            this.tables = tables;
            this.buffers = buffers;
            starts = new int[examples.size()];
            lengths = new int[examples.size()];
            labels = new int[examples.size()];
            words = new int[examples.size()];
        }

        /**
         * Tokenizes the documents with a free table of its kind (a new one if none is free), then frees it; a
         * failure (of a plug-in's tokenizer, say) is thrown by {@link #await}, on the thread that waits. The
         * features gather in a free buffer, also borrowed: only the share's array of their exact size is new,
         * so that no array that grew is left in the old generation by a collection that came meanwhile.
         */
        void tokenize(Tokenizer tokenizer, WordNgrams ngrams, Progress progress) {
            try {
                TokenTable borrowed = tables.poll();
                table = borrowed != null ? borrowed : new TokenTable(EXPECTED_DISTINCT_TOKENS);
                IntList borrowedBuffer = buffers.poll();
                IntList ids = borrowedBuffer != null ? borrowedBuffer
                        : new IntList((int) Math.min(MAX_INITIAL_BUFFER, (long) TYPICAL_FEATURES * labels.length));
                ids.clear();
                TokenSink sink = (chars, start, end) -> ids.add(table.add(chars, start, end));
                for (int i = 0; i < labels.length; i++) {
                    Example example = examples.get(i);
                    starts[i] = ids.size();
                    tokenizer.tokenize(example.text(), sink);
                    int count = ids.size() - starts[i];
                    ids.skip(ngrams.featureCount(count));
                    words[i] = count;
                    lengths[i] = ids.size() - starts[i];
                    longest = Math.max(longest, count);
                    labels[i] = example.label();
                    int done = documentsToReport(i);
                    if (done > 0) {
                        progress.add(done);
                    }
                }
                features = ids.toArray();
                buffers.add(ids);
                examples = null;
                tables.add(table);
                tokenized.complete(null);
            } catch (RuntimeException | Error e) {
                tokenized.completeExceptionally(e);
            }
        }

        void await() {
            try {
                tokenized.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error cause) {
                    throw cause;
                }
                throw e;
            }
        }

        /**
         * How many documents to report done once document {@code i} is: {@link #REPORT_EVERY} every so many, the rest at
         * the share's end, else 0. Each caller reports to its own listener at its own call site: one call site shared by
         * the tokenizing and the encoding, with a listener of another class in each, had C2 throw away the encoding
         * loop's compiled code (a {@code class_check} trap) on every thread.
         */
        private int documentsToReport(int i) {
            int counted = i + 1;
            if (counted % REPORT_EVERY == 0) {
                return REPORT_EVERY;
            }
            return counted == labels.length ? counted % REPORT_EVERY : 0;
        }

        /** Replaces the local ids by vocabulary indices and writes the n-grams' rows into the room after them. */
        void encode(TableMapping mapping, int vocabularySize, WordNgrams ngrams, LongConsumer encoded) {
            int[] hashes = new int[ngrams.enabled() ? longest : 0];
            for (int i = 0; i < labels.length; i++) {
                int at = starts[i];
                int count = words[i];
                for (int t = 0; t < count; t++) {
                    int id = features[at + t];
                    if (ngrams.enabled()) {
                        hashes[t] = mapping.hash[id];
                    }
                    features[at + t] = mapping.vocabularyIndex[id];
                }
                if (ngrams.enabled()) {
                    ngrams.writeRows(hashes, count, vocabularySize, features, at + count);
                }
                int done = documentsToReport(i);
                if (done > 0) {
                    encoded.accept(done);
                }
            }
        }
    }

    /** A growable int array. */
    private static final class IntList {
        /** The longest array the JVM gives. */
        private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

        private int[] values;
        private int size;

        IntList() {
            this(128);
        }

        IntList(int capacity) {
            values = new int[Math.max(16, capacity)];
        }

        void add(int value) {
            if (size == values.length) {
                grow(1);
            }
            values[size++] = value;
        }

        /** Appends {@code count} zeros, room that is filled in later. */
        void skip(int count) {
            if (count > values.length - size) {
                grow(count);
            }
            Arrays.fill(values, size, size + count, 0);
            size += count;
        }

        /** Makes room for {@code more} values, doubling at least; a chunk's features must fit in one array. */
        private void grow(int more) {
            long needed = (long) size + more;
            if (needed > MAX_ARRAY) {
                throw new IllegalArgumentException("a chunk of documents has more than " + MAX_ARRAY
                        + " features: hand over smaller chunks");
            }
            values = Arrays.copyOf(values, (int) Math.min(MAX_ARRAY, Math.max(needed, 2L * values.length)));
        }

        int size() {
            return size;
        }

        void clear() {
            size = 0;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
