package io.textclf.application.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a UTF-8 byte stream into RFC 4180 records: a quote inside a quoted field is doubled, quoted
 * fields may span lines, a quote inside an unquoted field or text after a closing quote is kept
 * literally (as Python's csv module does), records end at {@code \n}, {@code \r\n} or {@code \r},
 * blank lines are skipped. It works on bytes (every delimiter is ASCII, so no UTF-8 sequence is ever
 * split) and makes a string only when asked, decoding strictly: ASCII runs are copied, other text is
 * decoded and refused with a {@link CharacterCodingException} when it is not valid UTF-8.
 *
 * <p>The fields of the current record lie one after the other in one buffer, each followed by a
 * space, so fields {@code i..j} read as one string joined by single spaces without a copy.
 */
final class CsvRecordScanner {

    /** A quoted field that the end of the input leaves open. */
    static final class UnterminatedQuoteException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long line;

        UnterminatedQuoteException(long line) {
            super(null, null, false, false);
            this.line = line;
        }
    }

    private static final int END = -1;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long line = 1;
    private long recordLine;
    private byte[] fields = new byte[1 << 12];
    private int length;
    private int[] starts = new int[4];
    private int[] ends = new int[4];
    private int count;
    private CharsetDecoder decoder;

    /** @param in the bytes, after any byte-order mark */
    CsvRecordScanner(InputStream in) {
        this.in = in;
    }

    /** The line the current record starts on, from 1. */
    long recordLine() {
        return recordLine;
    }

    /**
     * The line the current record ends on: {@link #recordLine} plus the line breaks its quoted fields hold (a
     * quoted field that ran over several lines).
     */
    long recordLastLine() {
        long last = recordLine;
        for (int i = 0; i < length; i++) {
            if (fields[i] == '\n') {
                last++;
            }
        }
        return last;
    }

    /** The number of fields of the current record. */
    int fieldCount() {
        return count;
    }

    /** Field {@code index} of the current record. */
    String field(int index) throws CharacterCodingException {
        return decode(starts[index], ends[index]);
    }

    /** Fields {@code first..last} of the current record joined by single spaces. */
    String joined(int first, int last) throws CharacterCodingException {
        return decode(starts[first], ends[last]);
    }

    /** Reads the next record; false at the end of the input. */
    boolean next() throws IOException {
        int c = read();
        while (c == '\n' || c == '\r') {
            c = read();
        }
        if (c == END) {
            return false;
        }
        recordLine = line;
        count = 0;
        length = 0;
        while (true) {
            int start = length;
            if (c == '"') {
                c = quotedField();
            }
            c = unquotedRun(c);
            endField(start);
            if (c == ',') {
                c = read();
                continue;
            }
            if (c == '\r') {
                int following = read();
                if (following != '\n' && following != END) {
                    position--;
                }
            }
            return true;
        }
    }

    /** Reads a quoted field's content after its opening quote; returns the character after its closing quote. */
    private int quotedField() throws IOException {
        while (true) {
            if (position == limit && !fill()) {
                throw new UnterminatedQuoteException(recordLine);
            }
            int from = position;
            int to = from;
            byte[] bytes = buffer;
            int end = limit;
            while (to < end && bytes[to] != '"') {
                if (bytes[to] == '\n') {
                    line++;
                }
                to++;
            }
            append(bytes, from, to);
            position = to;
            if (to < end) {
                position++;
                int following = read();
                if (following != '"') {
                    return following;
                }
                appendByte((byte) '"');
            }
        }
    }

    /** Appends {@code c} and what follows it up to a comma, line end or the end of the input; returns that. */
    private int unquotedRun(int c) throws IOException {
        while (c != ',' && c != '\n' && c != '\r' && c != END) {
            appendByte((byte) c);
            int from = position;
            int to = from;
            byte[] bytes = buffer;
            int end = limit;
            while (to < end) {
                byte b = bytes[to];
                if (b == ',' || b == '\n' || b == '\r') {
                    break;
                }
                to++;
            }
            append(bytes, from, to);
            position = to;
            c = read();
        }
        return c;
    }

    private void endField(int start) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count++] = length;
        appendByte((byte) ' ');
    }

    private void append(byte[] bytes, int from, int to) {
        int n = to - from;
        if (length + n > fields.length) {
            fields = Arrays.copyOf(fields, Math.max(fields.length * 2, length + n));
        }
        System.arraycopy(bytes, from, fields, length, n);
        length += n;
    }

    private void appendByte(byte b) {
        if (length == fields.length) {
            fields = Arrays.copyOf(fields, length * 2);
        }
        fields[length++] = b;
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return END;
        }
        byte b = buffer[position++];
        if (b == '\n') {
            line++;
        }
        return b & 0xFF;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    private String decode(int from, int to) throws CharacterCodingException {
        int high = 0;
        for (int i = from; i < to; i++) {
            high |= fields[i];
        }
        if (high >= 0) {
            return new String(fields, from, to - from, StandardCharsets.ISO_8859_1);
        }
        if (decoder == null) {
            decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        return decoder.decode(ByteBuffer.wrap(fields, from, to - from)).toString();
    }
}
