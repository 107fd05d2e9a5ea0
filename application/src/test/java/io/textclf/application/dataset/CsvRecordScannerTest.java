package io.textclf.application.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte scanner splits records as a plain character-by-character reading of the rules does, over
 * random CSV text dense in quotes (doubled, inside unquoted fields, after closing quotes), commas, line
 * ends and non-ASCII text, long enough to cross the scanner's buffer boundaries many times.
 */
class CsvRecordScannerTest {

    private static final String[] PIECES = {"a", "Zz", " ", ",", "\"", "\"\"", "\n", "\r", "\r\n", "\u00e9",
        "\u03a3", "\uD83D\uDE00", "x\"y", "long text without specials "};

    @Test
    void splitsRandomCsvAsTheCharacterRulesDo() throws IOException {
        Random random = new Random(5);
        StringBuilder csv = new StringBuilder();
        while (csv.length() < 400_000) {
            for (int field = random.nextInt(4); field >= 0; field--) {
                boolean quoted = random.nextInt(3) > 0;
                StringBuilder text = new StringBuilder();
                for (int piece = random.nextInt(6); piece > 0; piece--) {
                    text.append(PIECES[random.nextInt(PIECES.length)]);
                }
                csv.append(quoted ? "\"" + text.toString().replace("\"", "\"\"") + "\"" : "u" + text.toString()
                        .replaceAll("[,\r\n]", ";"));
                if (quoted && random.nextInt(5) == 0) {
                    csv.append("after\"closing");
                }
                csv.append(field > 0 ? "," : List.of("\n", "\r\n", "\r", "\n\n").get(random.nextInt(4)));
            }
        }
        List<List<String>> expected = reference(csv.toString());
        CsvRecordScanner scanner = new CsvRecordScanner(new ByteArrayInputStream(
                csv.toString().getBytes(StandardCharsets.UTF_8)));
        List<List<String>> actual = new ArrayList<>();
        while (scanner.next()) {
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < scanner.fieldCount(); i++) {
                fields.add(scanner.field(i));
            }
            if (fields.size() >= 2) {
                assertEquals(String.join(" ", fields.subList(0, 2)), scanner.joined(0, 1));
            }
            actual.add(fields);
        }
        assertTrue(expected.size() > 10_000);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "record " + i);
        }
    }

    @Test
    void invalidUtf8InAFieldIsRefused() throws IOException {
        CsvRecordScanner scanner = new CsvRecordScanner(new ByteArrayInputStream(
                new byte[] {'1', ',', '"', 'a', (byte) 0xC3, '"', '\n'}));
        assertTrue(scanner.next());
        assertEquals("1", scanner.field(0));
        assertFalse(tryDecode(scanner));
    }

    private static boolean tryDecode(CsvRecordScanner scanner) {
        try {
            scanner.field(1);
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** The rules read one character at a time: the reference the scanner is checked against. */
    private static List<List<String>> reference(String csv) {
        List<List<String>> records = new ArrayList<>();
        int i = 0;
        int n = csv.length();
        while (true) {
            while (i < n && (csv.charAt(i) == '\n' || csv.charAt(i) == '\r')) {
                i++;
            }
            if (i >= n) {
                return records;
            }
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean fieldStart = true;
            while (true) {
                if (quoted && i >= n) {
                    throw new IllegalStateException("unterminated quote");
                }
                char c = i < n ? csv.charAt(i) : '\n';
                i++;
                if (quoted) {
                    if (c == '"' && i < n && csv.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldStart = true;
                    continue;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i < n && csv.charAt(i) == '\n') {
                        i++;
                    }
                    fields.add(field.toString());
                    records.add(fields);
                    break;
                } else if (c == '"' && fieldStart) {
                    quoted = true;
                } else {
                    field.append(c);
                }
                fieldStart = false;
            }
        }
    }
}
