package io.textclf.domain.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Expected orders follow torchtext 0.14's {@code build_vocab_from_iterator} and {@code vocab}. */
class VocabularyBuilderTest {

    private static final String UNK = Vocabulary.UNKNOWN;
    private static final String PAD = "<pad>";

    @Test
    void specialsFirstThenDescendingFrequency() {
        Vocabulary vocabulary = new VocabularyBuilder(List.of(UNK, PAD), 1, 0)
                .add(repeat("b", 3))
                .add(repeat("c", 5))
                .add(List.of("d"))
                .add(repeat("a", 3))
                .build();
        assertEquals(List.of(UNK, PAD, "c", "a", "b", "d"), vocabulary.tokens());
    }

    @Test
    void countsAccumulateOverCalls() {
        Vocabulary vocabulary = VocabularyBuilder.tutorial()
                .add(List.of("x", "y"))
                .add(List.of("y"))
                .add(List.of("x", "z", "x"))
                .build();
        assertEquals(List.of(UNK, "x", "y", "z"), vocabulary.tokens());
    }

    @Test
    void addAllCountsLikeAddingEachDocument() {
        List<List<String>> documents = new ArrayList<>();
        for (int d = 0; d < 2000; d++) {
            documents.add(List.of("t" + d % 7, "t" + d % 13, "t" + (d * 31) % 101));
        }
        VocabularyBuilder oneByOne = new VocabularyBuilder(List.of(UNK), 2, 50);
        documents.forEach(oneByOne::add);
        oneByOne.add(List.of("t5", "extra", "extra"));
        Vocabulary together = new VocabularyBuilder(List.of(UNK), 2, 50)
                .addAll(documents)
                .add(List.of("t5", "extra", "extra"))
                .build();
        assertEquals(oneByOne.build().tokens(), together.tokens());
        assertEquals(50, together.size());
    }

    @Test
    void countsOfTablesAddUpLikeTheirTokensAndLeaveTheTablesAsTheyWere() {
        List<List<String>> documents = new ArrayList<>();
        TokenTable first = new TokenTable();
        TokenTable second = new TokenTable();
        for (int d = 0; d < 3000; d++) {
            List<String> document = List.of("t" + d % 7, "t" + d % 13, "t" + (d * 31) % 101, "u" + d % 997);
            documents.add(document);
            for (String token : document) {
                (d < 1000 ? first : second).add(token, 1);
            }
        }
        int firstSize = first.size();
        int firstCount = first.count(0);
        Vocabulary byTables = new VocabularyBuilder(List.of(UNK), 2, 0).addCounts(first).addCounts(second)
                .add(List.of("t5", "late", "late")).build();
        Vocabulary byTokens = new VocabularyBuilder(List.of(UNK), 2, 0).addAll(documents)
                .add(List.of("t5", "late", "late")).build();
        assertEquals(byTokens.tokens(), byTables.tokens());
        assertEquals(firstSize, first.size(), "the first table gained the second's tokens");
        assertEquals(firstCount, first.count(0), "the first table's counts changed");
    }

    @Test
    void tiesGoByCodePointAsPythonSortsStrings() {
        String fullwidthA = "\uFF21";
        String grinning = "\uD83D\uDE00";
        assertTrue(grinning.compareTo(fullwidthA) < 0, "Java's UTF-16 order puts the emoji first");

        List<String> tokens = new ArrayList<>(List.of(grinning, fullwidthA, "z", "ab", "a", "B", "\u00e9"));
        Collections.reverse(tokens);
        Vocabulary vocabulary = VocabularyBuilder.tutorial().add(tokens).build();
        assertEquals(List.of(UNK, "B", "a", "ab", "z", "\u00e9", fullwidthA, grinning), vocabulary.tokens());
    }

    @Test
    void compareCodePointsOrdersAsPython() {
        assertTrue(VocabularyBuilder.compareCodePoints("\uFF21", "\uD83D\uDE00") < 0);
        assertTrue(VocabularyBuilder.compareCodePoints("\uD83D\uDE00", "\uFF21") > 0);
        assertTrue(VocabularyBuilder.compareCodePoints("a", "ab") < 0);
        assertTrue(VocabularyBuilder.compareCodePoints("ab", "a") > 0);
        assertTrue(VocabularyBuilder.compareCodePoints("a\uD83D\uDE00", "a\uD83D\uDE01") < 0);
        assertEquals(0, VocabularyBuilder.compareCodePoints("x\uD83D\uDE00", "x\uD83D\uDE00"));
        assertEquals(0, VocabularyBuilder.compareCodePoints("", ""));
    }

    @Test
    void compareCodePointsAgreesWithComparingCodePointArraysOnRandomStrings() {
        int[] alphabet = {'a', 'b', 0xE9, 0x3A3, 0xD7FF, 0xE000, 0xFF21, 0xFFFF, 0x10000, 0x1F600, 0x1F601, 0x10FFFF};
        Random random = new Random(11);
        for (int n = 0; n < 20_000; n++) {
            String a = randomString(random, alphabet);
            String b = randomString(random, alphabet);
            int expected = Integer.signum(Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
            assertEquals(expected, Integer.signum(VocabularyBuilder.compareCodePoints(a, b)), a + " vs " + b);
        }
    }

    @Test
    void theOrderIsDescendingCountThenCodePointsOnRandomTokens() {
        int[] plain = {'a', 'b', 'z', 0xE9, 0x3A3, 0xD7FF};
        int[] any = {'a', 'b', 0xE9, 0xD7FF, 0xE000, 0xFF21, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
        Random random = new Random(17);
        for (int round = 0; round < 40; round++) {
            Map<String, Integer> counts = new HashMap<>();
            List<String> stream = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                String token = "w" + randomString(random, round % 2 == 0 ? plain : any);
                int times = 1 + random.nextInt(random.nextBoolean() ? 2 : 9);
                for (int t = 0; t < times; t++) {
                    stream.add(token);
                }
                counts.merge(token, times, Integer::sum);
            }
            Collections.shuffle(stream, random);
            List<String> expected = new ArrayList<>(counts.keySet());
            expected.sort((a, b) -> !counts.get(a).equals(counts.get(b)) ? counts.get(b) - counts.get(a)
                    : Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
            expected.add(0, UNK);
            assertEquals(expected, VocabularyBuilder.tutorial().add(stream).build().tokens(), "round " + round);
        }
    }

    private static String randomString(Random random, int[] alphabet) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(5); i > 0; i--) {
            text.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
        }
        return text.toString();
    }

    @Test
    void minFreqDropsRareTokensButKeepsSpecials() {
        Vocabulary vocabulary = new VocabularyBuilder(List.of(UNK, PAD), 2, 0)
                .add(List.of("a", "b", "b", "c", "c", "c", "d"))
                .build();
        assertEquals(List.of(UNK, PAD, "c", "b"), vocabulary.tokens());
    }

    @Test
    void maxTokensCountsTheSpecials() {
        Vocabulary vocabulary = new VocabularyBuilder(List.of(UNK, PAD), 1, 4)
                .add(List.of("a", "b", "b", "c", "c", "c", "d"))
                .build();
        assertEquals(List.of(UNK, PAD, "c", "b"), vocabulary.tokens());
    }

    @Test
    void maxTokensTruncatesBeforeSpecialsAreRemoved() {
        // sorted: <unk> x4, c x3, b x2, a x1; max_tokens 3 keeps the first 3 - 1 = [<unk>, c], then drops <unk>
        Vocabulary vocabulary = new VocabularyBuilder(List.of(UNK), 1, 3)
                .add(List.of(UNK, UNK, UNK, UNK, "a", "b", "b", "c", "c", "c"))
                .build();
        assertEquals(List.of(UNK, "c"), vocabulary.tokens());
    }

    @Test
    void maxTokensLargerThanTheCorpusKeepsEverything() {
        Vocabulary vocabulary = new VocabularyBuilder(List.of(UNK), 1, 100).add(List.of("a", "b")).build();
        assertEquals(List.of(UNK, "a", "b"), vocabulary.tokens());
    }

    @Test
    void unknownTokensMapToTheFirstSpecial() {
        Vocabulary vocabulary = new VocabularyBuilder(List.of(UNK, PAD), 1, 0).add(List.of("a", "b", "b")).build();
        assertEquals(0, vocabulary.defaultIndex());
        assertEquals(2, vocabulary.indexOf("b"));
        assertEquals(3, vocabulary.indexOf("a"));
        assertEquals(1, vocabulary.indexOf(PAD));
        assertEquals(0, vocabulary.indexOf("never seen"));
        assertFalse(vocabulary.contains("never seen"));
        assertArrayEquals(new int[] {3, 0, 2, 0}, vocabulary.encode(List.of("a", "zz", "b", "B")));
    }

    @Test
    void emptyCorpusGivesOnlyTheSpecials() {
        assertEquals(List.of(UNK, PAD), new VocabularyBuilder(List.of(UNK, PAD), 1, 0).build().tokens());
    }

    @Test
    void rejectsInvalidArguments() {
        assertThrows(IllegalArgumentException.class, () -> new VocabularyBuilder(List.of(), 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new VocabularyBuilder(List.of(UNK), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new VocabularyBuilder(List.of(UNK), 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new VocabularyBuilder(List.of(UNK), 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new VocabularyBuilder(List.of(UNK, PAD), 1, 2));
        assertEquals(2, new VocabularyBuilder(List.of(UNK), 1, 2).add(List.of("a", "b")).build().size());
    }

    private static List<String> repeat(String token, int times) {
        return Collections.nCopies(times, token);
    }
}
