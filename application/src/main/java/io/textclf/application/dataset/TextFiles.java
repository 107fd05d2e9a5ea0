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
import java.util.Optional;
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
    /** How many of a file's first bytes are looked at for UTF-16 without its mark. */
    private static final int SNIFFED_BYTES = 4096;
    private static final byte[] UTF8_BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] UTF16_LE_BYTE_ORDER_MARK = {(byte) 0xFF, (byte) 0xFE};
    private static final byte[] UTF16_BE_BYTE_ORDER_MARK = {(byte) 0xFE, (byte) 0xFF};
    private static final byte[] UTF32_LE_BYTE_ORDER_MARK = {(byte) 0xFF, (byte) 0xFE, 0, 0};
    private static final byte[] UTF32_BE_BYTE_ORDER_MARK = {0, 0, (byte) 0xFE, (byte) 0xFF};

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
            long line = firstInvalidLine(file);
            return line > 0 ? new DatasetFormatException(file, line, NOT_UTF8)
                    : new DatasetFormatException(file + ": " + NOT_UTF8);
        }
        return new UncheckedIOException("cannot read " + file + ": " + AtomicFiles.reason(e, file), e);
    }

    static BufferedReader open(Path file) {
        return open(file, bytes -> { });
    }

    /** {@code file} as UTF-8 text, telling {@code bytesRead} how many of the file's bytes each read took. */
    static BufferedReader open(Path file, LongConsumer bytesRead) {
        return new BufferedReader(new InputStreamReader(openUtf8(file, bytesRead), strictUtf8()), 1 << 16);
    }

    /**
     * {@code file}'s bytes (decompressed when it is a {@code .gz} file) after any UTF-8 byte-order mark, telling
     * {@code bytesRead} how many of the file's bytes each read took; the caller decodes them. A file that starts as
     * UTF-16 or UTF-32 text is refused.
     */
    static InputStream openUtf8(Path file, LongConsumer bytesRead) {
        InputStream bytes = null;
        try {
            bytes = openBytes(file, bytesRead);
            PushbackInputStream in = new PushbackInputStream(bytes, SNIFFED_BYTES);
            byte[] start = in.readNBytes(SNIFFED_BYTES);
            requireUtf8Start(file, start);
            int bom = startsWith(start, UTF8_BYTE_ORDER_MARK) ? UTF8_BYTE_ORDER_MARK.length : 0;
            in.unread(start, bom, start.length - bom);
            return in;
        } catch (IOException | RuntimeException e) {
            closeQuietly(bytes, e);
            throw e instanceof IOException io ? readFailure(file, io) : (RuntimeException) e;
        }
    }

    /** Closes what a refused open had opened; a failure to close is added to the refusal, not thrown instead. */
    private static void closeQuietly(InputStream opened, Exception refusal) {
        if (opened != null) {
            try {
                opened.close();
            } catch (IOException e) {
                refusal.addSuppressed(e);
            }
        }
    }

    /**
     * Refuses a file that starts with UTF-32's byte order mark, or as UTF-16 text: with its byte order mark (FF FE or
     * FE FF, never valid UTF-8), or without one, when its first bytes have a NUL beside nearly every other byte (ASCII
     * in UTF-16 is valid UTF-8, and would otherwise fail later as rows of odd fields). A stray NUL elsewhere is text
     * like any other, wherever it is.
     */
    private static void requireUtf8Start(Path file, byte[] start) {
        if (startsWith(start, UTF32_LE_BYTE_ORDER_MARK) || startsWith(start, UTF32_BE_BYTE_ORDER_MARK)) {
            throw new DatasetFormatException(file + ": UTF-32 text (it starts with UTF-32's byte order mark), not "
                    + "UTF-8: convert it, e.g. iconv -f utf-32 -t utf-8");
        }
        if (startsWith(start, UTF16_LE_BYTE_ORDER_MARK) || startsWith(start, UTF16_BE_BYTE_ORDER_MARK)) {
            throw new DatasetFormatException(file + ": UTF-16 text (it starts with UTF-16's byte order mark), not "
                    + "UTF-8: convert it, e.g. iconv -f utf-16 -t utf-8");
        }
        utf16ByteOrder(start).ifPresent(encoding -> {
            throw new DatasetFormatException(file + ": UTF-16 text without a byte order mark (a NUL byte beside "
                    + "every letter), not UTF-8: convert it, e.g. iconv -f " + encoding + " -t utf-8");
        });
    }

    /**
     * {@code utf-16le} when NUL fills at least nine in ten of the odd bytes of {@code start} and none of the first
     * two even ones, {@code utf-16be} the other way round; empty for anything else.
     */
    private static Optional<String> utf16ByteOrder(byte[] start) {
        int pairs = start.length / 2;
        if (pairs < 2) {
            return Optional.empty();
        }
        int nulFirst = 0;
        int nulSecond = 0;
        for (int i = 0; i + 1 < start.length; i += 2) {
            nulFirst += start[i] == 0 ? 1 : 0;
            nulSecond += start[i + 1] == 0 ? 1 : 0;
        }
        if (nulSecond * 10 >= pairs * 9 && start[0] != 0 && start[2] != 0) {
            return Optional.of("utf-16le");
        }
        if (nulFirst * 10 >= pairs * 9 && start[1] != 0 && start[3] != 0) {
            return Optional.of("utf-16be");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static InputStream openBytes(Path file, LongConsumer bytesRead) throws IOException {
        InputStream in = new BufferedInputStream(new CountingStream(Files.newInputStream(file), bytesRead), 1 << 16);
        if (!file.getFileName().toString().endsWith(".gz")) {
            return in;
        }
        try {
            return new GZIPInputStream(in, 1 << 16);
        } catch (IOException | RuntimeException e) {
            closeQuietly(in, e);
            throw e;
        }
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
