package io.textclf.application.config;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Settings files as people write them: UTF-8, with or without the byte order mark that some editors (and Windows
 * tools) put first, which is not part of the first key.
 */
public final class SettingsText {

    private static final int BYTE_ORDER_MARK = '\uFEFF';

    private SettingsText() {
    }

    /** A reader of {@code file}'s text, the byte order mark left out. */
    public static Reader open(Path file) throws IOException {
        PushbackReader reader = new PushbackReader(Files.newBufferedReader(file, StandardCharsets.UTF_8));
        int first = reader.read();
        if (first >= 0 && first != BYTE_ORDER_MARK) {
            reader.unread(first);
        }
        return reader;
    }

    /**
     * The properties {@code reader} holds, as {@link Properties#load(Reader)} reads them, except that a key given
     * twice is refused: the later value would win silently.
     *
     * @throws IllegalArgumentException naming the key given twice
     */
    public static Properties properties(Reader reader) throws IOException {
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                if (containsKey(key)) {
                    throw new IllegalArgumentException("'" + key + "' is set twice (the later value would win "
                            + "silently): keep one");
                }
                return super.put(key, value);
            }
        };
        properties.load(reader);
        Properties plain = new Properties();
        plain.putAll(properties);
        return plain;
    }

    /** {@code text} without a byte order mark at its start. */
    public static String withoutByteOrderMark(String text) {
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }
}
