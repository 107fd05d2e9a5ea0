package io.textclf.application.dataset;

import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a text as fastText reads them: each ends at {@code \n} alone (a {@code \r} just before it goes too, for
 * files written on Windows), so a lone {@code \r} is whitespace inside its line, and line numbers are those of any
 * editor.
 */
final class NewlineLines {

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;

    NewlineLines(Reader in) {
        this.in = in;
    }

    /** The next line without its end, or null at the end of the text. */
    String next() throws IOException {
        StringBuilder started = null;
        while (true) {
            if (position == limit) {
                limit = Math.max(0, in.read(buffer, 0, buffer.length));
                position = 0;
                if (limit == 0) {
                    return started == null ? null : withoutCarriageReturn(started.toString());
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (position < limit) {
                String end = new String(buffer, start, position - start);
                position++;
                return withoutCarriageReturn(started == null ? end : started.append(end).toString());
            }
            if (started == null) {
                started = new StringBuilder();
            }
            started.append(buffer, start, position - start);
        }
    }

    private static String withoutCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
