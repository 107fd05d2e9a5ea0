package io.textclf.application.dataset;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens UTF-8 text files, reading {@code .gz} files transparently and skipping a byte-order mark
 * before the first line (spreadsheet exports start with one).
 */
final class TextFiles {

    private static final int BYTE_ORDER_MARK = '\uFEFF';

    private TextFiles() {
    }

    /**
     * What a failed read of {@code file} means to the user: bad encoding (naming the first line that is
     * not valid UTF-8), or an I/O error naming the file.
     */
    static RuntimeException readFailure(Path file, IOException e) {
        if (e instanceof CharacterCodingException) {
            long line = firstInvalidLine(file);
            return line > 0 ? new DatasetFormatException(file, line, "not valid UTF-8 text")
                    : new DatasetFormatException(file + ": not valid UTF-8 text");
        }
        return new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }

    static BufferedReader open(Path file) {
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(openBytes(file), strictUtf8()), 1 << 16);
            reader.mark(1);
            if (reader.read() != BYTE_ORDER_MARK) {
                reader.reset();
            }
            return reader;
        } catch (IOException e) {
            throw readFailure(file, e);
        }
    }

    private static InputStream openBytes(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The 1-based number of the first line that does not decode as UTF-8; 0 when none is found. */
    private static long firstInvalidLine(Path file) {
        CharsetDecoder decoder = strictUtf8();
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        long line = 1;
        try (InputStream in = openBytes(file)) {
            int read;
            do {
                read = in.read(bytes.array(), bytes.position(), bytes.remaining());
                bytes.position(bytes.position() + Math.max(read, 0));
                bytes.flip();
                CoderResult result = decoder.decode(bytes, chars, read < 0);
                chars.flip();
                line += chars.chars().filter(c -> c == '\n').count();
                if (result.isError()) {
                    return line;
                }
                chars.clear();
                bytes.compact();
            } while (read >= 0);
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
