package io.textclf.application.dataset;

import io.textclf.modelformat.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
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
import java.util.Arrays;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens UTF-8 text files, reading {@code .gz} files transparently and skipping a byte-order mark
 * before the first line (spreadsheet exports start with one).
 */
final class TextFiles {

    /**
     * A file in another encoding is no malformed row: skipping its rows would drop every one with an accent, so even
     * {@code --skip-bad-rows} stops on it.
     */
    private static final String NOT_UTF8 = "not valid UTF-8 text (a dataset file is UTF-8 throughout, --skip-bad-rows "
            + "or not: convert it, e.g. iconv -f latin1 -t utf-8)";
    private static final int BYTE_ORDER_MARK = '\uFEFF';
    private static final byte[] UTF8_BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private TextFiles() {
    }

    /**
     * What a failed read of {@code file} means to the user: bad encoding (naming the first line that is
     * not valid UTF-8), gzip data that is truncated or corrupt, or an I/O error naming the file.
     */
    static RuntimeException readFailure(Path file, IOException e) {
        if (e instanceof EOFException && file.getFileName().toString().endsWith(".gz")) {
            return new DatasetFormatException(file + ": the gzip data ends too soon: the file is truncated (copy or "
                    + "download it again)");
        }
        if (e instanceof ZipException) {
            return new DatasetFormatException(file + ": not valid gzip data (" + e.getMessage() + ")");
        }
        if (e instanceof CharacterCodingException) {
            if (startsAsUtf16(file)) {
                return new DatasetFormatException(file + ": UTF-16 text (it starts with UTF-16's byte order mark), not "
                        + "UTF-8: convert it, e.g. iconv -f utf-16 -t utf-8");
            }
            long line = firstInvalidLine(file);
            return line > 0 ? new DatasetFormatException(file, line, NOT_UTF8)
                    : new DatasetFormatException(file + ": " + NOT_UTF8);
        }
        return new UncheckedIOException("cannot read " + file + ": " + AtomicFiles.reason(e, file), e);
    }

    /** Whether {@code file} (unpacked, for a .gz) starts with UTF-16's byte order mark, FF FE or FE FF. */
    private static boolean startsAsUtf16(Path file) {
        try (InputStream in = openBytes(file, bytes -> { })) {
            byte[] start = in.readNBytes(2);
            return start.length == 2 && ((start[0] == (byte) 0xFF && start[1] == (byte) 0xFE)
                    || (start[0] == (byte) 0xFE && start[1] == (byte) 0xFF));
        } catch (IOException e) {
            return false;
        }
    }

    static BufferedReader open(Path file) {
        return open(file, bytes -> { });
    }

    /** {@code file} as UTF-8 text, telling {@code bytesRead} how many of the file's bytes each read took. */
    static BufferedReader open(Path file, LongConsumer bytesRead) {
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(openBytes(file, bytesRead), strictUtf8()),
                    1 << 16);
            reader.mark(1);
            if (reader.read() != BYTE_ORDER_MARK) {
                reader.reset();
            }
            return reader;
        } catch (IOException e) {
            throw readFailure(file, e);
        }
    }

    /**
     * {@code file}'s bytes (decompressed when it is a {@code .gz} file) after any UTF-8 byte-order mark,
     * telling {@code bytesRead} how many of the file's bytes each read took; the caller decodes them.
     */
    static InputStream openUtf8(Path file, LongConsumer bytesRead) {
        try {
            PushbackInputStream in = new PushbackInputStream(openBytes(file, bytesRead), UTF8_BYTE_ORDER_MARK.length);
            byte[] start = in.readNBytes(UTF8_BYTE_ORDER_MARK.length);
            if (!Arrays.equals(start, UTF8_BYTE_ORDER_MARK)) {
                in.unread(start);
            }
            return in;
        } catch (IOException e) {
            throw readFailure(file, e);
        }
    }

    private static InputStream openBytes(Path file, LongConsumer bytesRead) throws IOException {
        InputStream in = new BufferedInputStream(new CountingStream(Files.newInputStream(file), bytesRead), 1 << 16);
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
        try (InputStream in = openBytes(file, count -> { })) {
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

    /** Passes on the number of bytes each read returns. */
    private static final class CountingStream extends FilterInputStream {

        private final LongConsumer bytesRead;

        CountingStream(InputStream in, LongConsumer bytesRead) {
            super(in);
            this.bytesRead = bytesRead;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytesRead.accept(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                bytesRead.accept(n);
            }
            return n;
        }
    }
}
