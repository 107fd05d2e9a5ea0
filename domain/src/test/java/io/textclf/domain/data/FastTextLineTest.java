package io.textclf.domain.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class FastTextLineTest {

    @Test
    void readsTheLabelAndTheTextAfterIt() {
        String line = "__label__sports  Great match\ttoday ";
        assertEquals("sports", FastTextLine.label(line));
        assertEquals("Great match\ttoday", FastTextLine.text(line, "sports"));
        assertNull(FastTextLine.problem(line, "sports"));
        assertEquals("", FastTextLine.text("__label__x", "x"));
    }

    @Test
    void aLineMustStartWithANamedLabel() {
        for (String line : new String[] {"no label", " __label__a text", "__label__ text", "__label__"}) {
            assertNull(FastTextLine.label(line), line);
            assertEquals("expected a line starting with __label__NAME", FastTextLine.problem(line, null), line);
        }
    }

    @Test
    void aSecondLabelAnywhereInTheLineIsAProblem() {
        assertEquals("a second label, 'b', after 'a': textclf trains one label per document",
                FastTextLine.problem("__label__a __label__b text", "a"));
        assertEquals("a second label, 'c', after 'a': textclf trains one label per document",
                FastTextLine.problem("__label__a text\t__label__c", "a"));
        assertNull(FastTextLine.problem("__label__a x__label__b, a bare __label__ and __label__", "a"));
    }
}
