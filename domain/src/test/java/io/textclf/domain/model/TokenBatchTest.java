package io.textclf.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A batch whose offsets do not cut its tokens into documents is refused when it is made. */
class TokenBatchTest {

    @Test
    void documentsAreTheRangesBetweenOffsets() {
        TokenBatch batch = TokenBatch.of(new int[] {4, 5}, new int[0], new int[] {6});
        assertEquals(3, batch.size());
        assertEquals(0, batch.start(0));
        assertEquals(2, batch.end(0));
        assertEquals(batch.start(1), batch.end(1));
        assertEquals(3, batch.end(2));
        assertEquals(0, new TokenBatch(new int[0], new int[0]).size());
    }

    @Test
    void offsetsThatDoNotCutTheTokensIntoDocumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBatch(new int[] {5}, new int[0]),
                "tokens in no document");
        assertThrows(IllegalArgumentException.class, () -> new TokenBatch(new int[] {5, 6}, new int[] {1}),
                "the first document starts after the first token");
        assertThrows(IllegalArgumentException.class, () -> new TokenBatch(new int[] {5, 6}, new int[] {0, 2, 1}),
                "decreasing offsets");
        assertThrows(IllegalArgumentException.class, () -> new TokenBatch(new int[] {5, 6}, new int[] {0, 3}),
                "an offset past the tokens");
    }

    @Test
    void anIdOutsideTheVocabularyIsNamedWithItsDocumentEmptyDocumentsCounted() {
        TokenBatch batch = TokenBatch.of(new int[] {0, 4}, new int[0], new int[] {3, 9});
        batch.requireIdsWithin(10);
        assertEquals("token ids must be in [0, 5), document 2 of the batch has 9",
                assertThrows(IllegalArgumentException.class, () -> batch.requireIdsWithin(5)).getMessage());
        assertEquals("token ids must be in [0, 4), document 0 of the batch has 4",
                assertThrows(IllegalArgumentException.class, () -> batch.requireIdsWithin(4)).getMessage());
        assertEquals("token ids must be in [0, 10), document 0 of the batch has -1", assertThrows(
                IllegalArgumentException.class, () -> TokenBatch.of(new int[] {-1}).requireIdsWithin(10)).getMessage());
    }
}
