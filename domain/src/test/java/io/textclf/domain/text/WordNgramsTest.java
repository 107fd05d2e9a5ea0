package io.textclf.domain.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * fastText's hashing. The expected values come from a separate transcription of
 * {@code Dictionary::hash} and {@code Dictionary::addWordNgrams} in Python (unsigned 32- and 64-bit
 * arithmetic, bytes sign-extended), run on the same words.
 */
class WordNgramsTest {

    @Test
    void hashesWordsAsFastTextDoes() {
        assertEquals(-1274105316, WordNgrams.hash("the"));
        assertEquals(-323250915, WordNgrams.hash("linux"));
        assertEquals(1970454601, WordNgrams.hash("caf\u00E9"), "UTF-8 bytes above 127 are sign-extended");
        assertEquals(-1655334047, WordNgrams.hash("<unk>"));
        assertEquals(-2128831035, WordNgrams.hash(""));
        char[] buffer = "xx caf\u00E9 yy".toCharArray();
        assertEquals(WordNgrams.hash("caf\u00E9"), WordNgrams.hash(buffer, 3, 7));
    }

    @Test
    void ngramsFollowTheWordsByStartThenLength() {
        String[] words = {"the", "quick", "brown", "caf\u00E9"};
        int[] hashes = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            hashes[i] = WordNgrams.hash(words[i]);
        }
        int[] features = new WordNgrams(3, 2_000_000).features(new int[] {1, 2, 3, 0}, hashes, 100);
        assertArrayEquals(new int[] {1, 2, 3, 0, 786196, 1419939, 1763687, 52926, 405986}, features);
        assertArrayEquals(new int[] {5, 6, 11}, new WordNgrams(2, 7).features(new int[] {5, 6},
                new int[] {WordNgrams.hash("a"), WordNgrams.hash("b")}, 10));
        assertArrayEquals(new int[] {4}, new WordNgrams(2, 7).features(new int[] {4}, new int[] {1}, 10));
        assertEquals(5, new WordNgrams(3, 10).featureCount(4));
        assertEquals(0, new WordNgrams(3, 10).featureCount(1));
    }

    @Test
    void refusesInconsistentSettings() {
        assertThrows(IllegalArgumentException.class, () -> new WordNgrams(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new WordNgrams(1, 5));
        assertThrows(IllegalArgumentException.class, () -> new WordNgrams(2, 0));
        assertEquals(WordNgrams.NONE, WordNgrams.of(1, 100));
        assertEquals(0, WordNgrams.NONE.extraRows());
    }
}
