package io.textclf.domain.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassNamesTest {

    @Test
    void classNIsOnLineNStrippedWithBlankLinesAtTheEndIgnored() {
        assertEquals(List.of("World", "Sports", "Sci/Tech"), ClassNames.parse(List.of(" World", "Sports\t", "Sci/Tech",
                "", "  ")));
    }

    @Test
    void anEmptyNameBeforeAnotherIsRefusedWithItsLine() {
        ClassNames.MalformedException e = assertThrows(ClassNames.MalformedException.class,
                () -> ClassNames.parse(List.of("World", " ", "Sports")));
        assertEquals(2, e.line());
        assertEquals("empty class name", e.getMessage());
    }

    @Test
    void aNameTwiceIsRefusedAtItsSecondLine() {
        ClassNames.MalformedException e = assertThrows(ClassNames.MalformedException.class,
                () -> ClassNames.parse(List.of("World", "Sports", "World ")));
        assertEquals(3, e.line());
        assertEquals("class name 'World' appears twice", e.getMessage());
    }

    @Test
    void fewerThanTwoNamesAreRefusedForTheWholeFile() {
        for (List<String> lines : List.of(List.<String>of(), List.of("World"), List.of("World", ""))) {
            ClassNames.MalformedException e = assertThrows(ClassNames.MalformedException.class,
                    () -> ClassNames.parse(lines));
            assertEquals(0, e.line());
            assertEquals("needs at least 2 class names, one per line, found " + (lines.isEmpty() ? 0 : 1),
                    e.getMessage());
        }
    }
}
