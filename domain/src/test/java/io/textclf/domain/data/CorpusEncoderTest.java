package io.textclf.domain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.text.BasicEnglishTokenizer;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.text.VocabularyBuilder;
import io.textclf.domain.text.WordNgrams;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The parallel, string-free encoder gives what tokenizing into lists and counting them one by one gives. */
class CorpusEncoderTest {

    private final BasicEnglishTokenizer tokenizer = new BasicEnglishTokenizer();

    @Test
    void buildsTheVocabularyAndDocumentsOfTheListPathOverManyShares() {
        List<Example> examples = examples(9_000);
        CorpusEncoder.Encoded encoded = new CorpusEncoder(tokenizer, WordNgrams.NONE)
                .buildAndEncode(examples, new VocabularyBuilder(List.of(Vocabulary.UNKNOWN), 2, 0));

        VocabularyBuilder listed = new VocabularyBuilder(List.of(Vocabulary.UNKNOWN), 2, 0);
        examples.forEach(e -> listed.add(tokenizer.tokenize(e.text())));
        Vocabulary expected = listed.build();
        assertEquals(expected.tokens(), encoded.vocabulary().tokens());
        int[] all = new int[examples.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
            assertArrayEquals(expected.encode(tokenizer.tokenize(examples.get(i).text())),
                    document(encoded.corpus(), i), "row " + i);
            assertEquals(examples.get(i).label(), encoded.corpus().label(i));
        }
        assertEquals(encoded.corpus().words(all, 0, all.length), encoded.corpus().wordCount());
    }

    @Test
    void heldOutDocumentsAreEncodedInTheSamePassWithoutCountingTowardsTheVocabulary() {
        WordNgrams bigrams = new WordNgrams(2, 1000);
        List<Example> examples = examples(5_000);
        List<Example> heldOut = new ArrayList<>(examples(3_000).subList(0, 2_999));
        heldOut.add(new Example(1, "held-out words only"));
        CorpusEncoder encoder = new CorpusEncoder(tokenizer, bigrams);
        CorpusEncoder.Encoded together = encoder.buildAndEncode(examples, heldOut, VocabularyBuilder.tutorial(),
                done -> { }, done -> { });

        Vocabulary alone = encoder.buildAndEncode(examples, VocabularyBuilder.tutorial()).vocabulary();
        assertEquals(alone.tokens(), together.vocabulary().tokens());
        EncodedCorpus expected = encoder.encode(heldOut, alone);
        for (int i = 0; i < heldOut.size(); i++) {
            assertArrayEquals(document(expected, i), document(together.heldOut(), i), "row " + i);
            assertArrayEquals(encoder.encode(heldOut.get(i).text(), alone), document(together.heldOut(), i), "row " + i);
            assertEquals(heldOut.get(i).label(), together.heldOut().label(i));
        }
        assertEquals(expected.wordCount(), together.heldOut().wordCount());
    }

    @Test
    void addsWordNgramsAfterTheWordsAndCountsOnlyWords() {
        WordNgrams bigrams = new WordNgrams(2, 1000);
        List<Example> examples = List.of(new Example(0, "Hello, world"), new Example(1, "unseen words here"));
        CorpusEncoder encoder = new CorpusEncoder(tokenizer, bigrams);
        Vocabulary vocabulary = encoder.buildAndEncode(examples.subList(0, 1), VocabularyBuilder.tutorial()).vocabulary();
        EncodedCorpus corpus = encoder.encode(examples, vocabulary);

        int[] words = {vocabulary.indexOf("hello"), vocabulary.indexOf(","), vocabulary.indexOf("world")};
        int[] hashes = {WordNgrams.hash("hello"), WordNgrams.hash(","), WordNgrams.hash("world")};
        assertArrayEquals(bigrams.features(words, hashes, vocabulary.size()), document(corpus, 0));
        assertEquals(5, document(corpus, 0).length);
        int[] unknown = document(corpus, 1);
        assertEquals(List.of(0, 0, 0), List.of(unknown[0], unknown[1], unknown[2]));
        assertEquals(unknown[3], vocabulary.size() + (int) Long.remainderUnsigned(
                (long) WordNgrams.hash("unseen") * 116049371L + WordNgrams.hash("words"), 1000),
                "unknown words keep their own hash");
        assertEquals(6, corpus.wordCount());
        assertArrayEquals(document(corpus, 1), encoder.encode("unseen words here", vocabulary));
    }

    @Test
    void aSelectionBatchesDocumentsOfDifferentChunksWithTheirNgrams() {
        WordNgrams bigrams = new WordNgrams(2, 1000);
        List<Example> examples = examples(3 * CorpusEncoder.CHUNK_DOCUMENTS + 5);
        CorpusEncoder encoder = new CorpusEncoder(tokenizer, bigrams);
        CorpusEncoder.Encoded encoded = encoder.buildAndEncode(examples, VocabularyBuilder.tutorial());
        int[] rows = {3 * CorpusEncoder.CHUNK_DOCUMENTS + 4, 0, CorpusEncoder.CHUNK_DOCUMENTS, 7,
            2 * CorpusEncoder.CHUNK_DOCUMENTS - 1};
        EncodedCorpus selected = encoded.corpus().select(rows);

        TokenBatch batch = selected.batch(new int[] {4, 0, 2, 1, 3}, 0, rows.length);
        List<Integer> expectedIds = new ArrayList<>();
        List<Integer> expectedOffsets = new ArrayList<>();
        long words = 0;
        for (int row : new int[] {rows[4], rows[0], rows[2], rows[1], rows[3]}) {
            expectedOffsets.add(expectedIds.size());
            for (int id : encoder.encode(examples.get(row).text(), encoded.vocabulary())) {
                expectedIds.add(id);
            }
            words += tokenizer.tokenize(examples.get(row).text()).size();
        }
        assertArrayEquals(expectedIds.stream().mapToInt(Integer::intValue).toArray(), batch.tokenIds());
        assertArrayEquals(expectedOffsets.stream().mapToInt(Integer::intValue).toArray(), batch.offsets());
        assertEquals(words, selected.wordCount());
        for (int i = 0; i < rows.length; i++) {
            assertEquals(examples.get(rows[i]).label(), selected.label(i));
        }
    }

    @Test
    void trigramsAndEmptyDocumentsOfChunksThatReuseABufferMatchTheOneTextEncoder() {
        WordNgrams trigrams = new WordNgrams(3, 777);
        List<Example> examples = new ArrayList<>(examples(2 * CorpusEncoder.CHUNK_DOCUMENTS + 10));
        for (int i = 0; i < examples.size(); i += 97) {
            examples.set(i, new Example(examples.get(i).label(), i % 2 == 0 ? "" : "!?"));
        }
        List<Example> heldOut = List.of(new Example(0, ""), new Example(1, "one"), new Example(2, "one two"),
                new Example(3, "one two three four"));
        CorpusEncoder encoder = new CorpusEncoder(tokenizer, trigrams);
        CorpusEncoder.Encoded encoded = encoder.buildAndEncode(examples, heldOut, VocabularyBuilder.tutorial(),
                done -> { }, done -> { });

        for (int i = 0; i < examples.size(); i++) {
            assertArrayEquals(encoder.encode(examples.get(i).text(), encoded.vocabulary()),
                    document(encoded.corpus(), i), "row " + i);
        }
        for (int i = 0; i < heldOut.size(); i++) {
            int[] features = document(encoded.heldOut(), i);
            assertArrayEquals(encoder.encode(heldOut.get(i).text(), encoded.vocabulary()), features, "held out " + i);
            int words = tokenizer.tokenize(heldOut.get(i).text()).size();
            assertEquals(words + trigrams.featureCount(words), features.length, "words, bigrams and trigrams of " + i);
        }
    }

    private static int[] document(EncodedCorpus corpus, int row) {
        TokenBatch batch = corpus.batch(new int[] {row}, 0, 1);
        return batch.tokenIds();
    }

    private static List<Example> examples(int count) {
        String[] words = {"Linux", "kernel", "module", "the", "a", "library", "(GNU)", "don't", "x11", "font",
            "caf\u00E9", "\u03A3\u03A3", "data.", "tools,", "<br />", "\"quoted\"", "python3", "!", "?", "end"};
        Random random = new Random(3);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int w = 0; w < length; w++) {
                text.append(words[random.nextInt(words.length)]).append(random.nextInt(50) == 0 ? "\t" : " ");
                if (random.nextInt(200) == 0) {
                    text.append("rare").append(i);
                }
            }
            examples.add(new Example(i % 5, text.toString()));
        }
        return examples;
    }
}
