package io.textclf.modelexchange.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writtenValuesParseBackUnchanged() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("tokens", List.of("<unk>", "\"", "\\", "tab\there", "line\nbreak", "\u0001", "é", "😀"));
        value.put("count", 3L);
        value.put("ratio", 0.25);
        value.put("flags", List.of(true, false));
        value.put("none", null);
        String json = JsonWriter.write(value);
        assertEquals(value, JsonReader.parse(json));
        assertTrue(json.contains("\\u0001") && json.contains("😀"), json);
    }

    @Test
    void loneSurrogatesAreEscapedSoTheTextStaysUtf8() {
        assertEquals("\"\\ud800x\"", JsonWriter.write("\ud800x"));
        assertEquals("\ud800x", JsonReader.parse("\"\\ud800x\""));
    }

    @Test
    void malformedJsonNamesThePosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{\"a\": [1, }"));
        assertEquals("unexpected character '}' at character 10", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{\"a\": 1, \"a\": 2}"));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("[1] x"));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("\"open"));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("01"));
    }
}
