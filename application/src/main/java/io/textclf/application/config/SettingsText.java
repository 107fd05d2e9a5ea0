package io.textclf.application.config;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /** {@code text} without a byte order mark at its start. */
    public static String withoutByteOrderMark(String text) {
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }
}
