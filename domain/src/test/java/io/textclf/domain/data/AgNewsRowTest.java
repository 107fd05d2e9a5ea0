package io.textclf.domain.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AgNewsRowTest {

    @Test
    void indicesFromOneToTheNumberOfClassesAreClassesFromZero() {
        assertNull(AgNewsRow.indexProblem("1", 4));
        assertNull(AgNewsRow.indexProblem(" 4 ", 4));
        assertEquals(0, AgNewsRow.label("1"));
        assertEquals(3, AgNewsRow.label(" 4 "));
    }

    @Test
    void anIndexOutsideTheClassesIsNamedWithTheRange() {
        assertEquals("class index 0 is outside 1..4 (the indices of the 4 classes)", AgNewsRow.indexProblem("0", 4));
        assertEquals("class index 5 is outside 1..4 (the indices of the 4 classes)", AgNewsRow.indexProblem("5", 4));
    }

    @Test
    void anIndexThatIsNoWholeNumberIsQuotedAndCutAtFortyCharacters() {
        assertEquals("class index '2.0' is not a whole number", AgNewsRow.indexProblem("2.0", 4));
        assertEquals("class index '" + "x".repeat(40) + "...' is not a whole number",
                AgNewsRow.indexProblem("x".repeat(41), 4));
        assertEquals("class index '' is not a whole number", AgNewsRow.indexProblem(" ", 4));
    }
}
