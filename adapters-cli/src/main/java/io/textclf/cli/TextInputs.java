package io.textclf.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Texts given as arguments, or else one per line on standard input, handed over in batches as they
 * arrive: a command in a pipe answers while its input is still coming, in memory bounded by the batch.
 * Standard input is UTF-8, as the dataset files are: a byte-order mark before the first line is dropped, and
 * bytes that are not UTF-8 are refused, naming the line.
 */
final class TextInputs {

    private TextInputs() {
    }

    /**
     * Calls {@code action} with consecutive batches of at most {@code batchSize} texts, in input order.
     *
     * @param arguments texts from the command line; when null or empty, lines of stdin are read instead
     */
    static void inBatches(List<String> arguments, int batchSize, Consumer<List<String>> action) {
        if (arguments != null && !arguments.isEmpty()) {
            requireDecoded(arguments);
            for (int from = 0; from < arguments.size(); from += batchSize) {
                action.accept(arguments.subList(from, Math.min(arguments.size(), from + batchSize)));
            }
            return;
        }
        int lines = 0;
        try {
            Utf8Lines reader = new Utf8Lines(System.in);
            List<String> batch = new ArrayList<>(batchSize);
            String line;
            while ((line = reader.next()) != null) {
                lines++;
                batch.add(line);
                if (batch.size() == batchSize || !reader.ready()) {
                    action.accept(List.copyOf(batch));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                action.accept(List.copyOf(batch));
            }
        } catch (CharacterCodingException e) {
            throw new UncheckedIOException("standard input, line " + (lines + 1) + ": not valid UTF-8 text", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses an argument that holds U+FFFD, the character the JVM puts for bytes of the command line that are not
     * UTF-8: as standard input, a text that is not UTF-8 is refused, not classified with question marks.
     */
    private static void requireDecoded(List<String> arguments) {
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i).indexOf('\uFFFD') >= 0) {
                throw new UncheckedIOException("text argument " + (i + 1) + ": not valid UTF-8 text (it holds U+FFFD, "
                        + "which stands for bytes that are not UTF-8)", new CharacterCodingException());
            }
        }
    }

    /**
     * Lines of a byte stream, each decoded as UTF-8 on its own once its end is read (a {@link java.io.Reader} decodes
     * ahead, a buffer at a time: bytes that are not UTF-8 several lines on would fail the lines before them). A line
     * ends at {@code \n} (a {@code \r} just before it goes too), as fastText reads lines: a lone {@code \r} is
     * whitespace inside its line. It is handed over as soon as its end is read.
     */
    private static final class Utf8Lines {

        /** UTF-8's byte order mark, U+FEFF. */
        private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

        private final InputStream in;
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final byte[] buffer = new byte[8192];
        private int position;
        private int limit;
        private byte[] line = new byte[256];
        private boolean started;

        Utf8Lines(InputStream in) {
            this.in = in;
        }

        /** The next line without its end, or null at the end of the input. */
        String next() throws IOException {
            if (!started) {
                started = true;
                skipByteOrderMark();
            }
            int length = 0;
            int b = read();
            if (b < 0) {
                return null;
            }
            while (b >= 0 && b != '\n') {
                if (length == line.length) {
                    line = Arrays.copyOf(line, 2 * length);
                }
                line[length++] = (byte) b;
                b = read();
            }
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            return utf8.decode(ByteBuffer.wrap(line, 0, length)).toString();
        }

        /**
         * Skips the byte order mark that some editors put at the start of a UTF-8 text: it is not part of the first
         * line, and an input of nothing else holds no line at all.
         */
        private void skipByteOrderMark() throws IOException {
            // reads no further than the input matches the mark: a first line typed at a terminal is not held back
            while (limit < BYTE_ORDER_MARK.length && startsTheMark()) {
                int read = in.read(buffer, limit, BYTE_ORDER_MARK.length - limit);
                if (read < 0) {
                    break;
                }
                limit += read;
            }
            if (limit == BYTE_ORDER_MARK.length && startsTheMark()) {
                position = BYTE_ORDER_MARK.length;
            }
        }

        /** Whether the bytes read so far are the first bytes of the byte order mark. */
        private boolean startsTheMark() {
            return Arrays.equals(buffer, 0, limit, BYTE_ORDER_MARK, 0, limit);
        }

        /** Whether more input can be read now without waiting for it. */
        boolean ready() throws IOException {
            return position < limit || in.available() > 0;
        }

        private int read() throws IOException {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            return buffer[position++] & 0xff;
        }
    }
}
