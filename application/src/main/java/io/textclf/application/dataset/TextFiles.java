package io.textclf.application.dataset;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;

/** Opens UTF-8 text files, reading {@code .gz} files transparently. */
final class TextFiles {

    private TextFiles() {
    }

    /** What a failed read of {@code file} means to the user: bad encoding, or an I/O error naming the file. */
    static RuntimeException readFailure(Path file, IOException e) {
        if (e instanceof CharacterCodingException) {
            return new DatasetFormatException(file + ": not valid UTF-8 text");
        }
        return new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }

    static BufferedReader open(Path file) {
        return open(file, bytes -> { });
    }

    /** {@code file} as UTF-8 text, telling {@code bytesRead} how many of the file's bytes each read took. */
    static BufferedReader open(Path file, LongConsumer bytesRead) {
        try {
            InputStream in = new BufferedInputStream(new CountingStream(Files.newInputStream(file), bytesRead), 1 << 16);
            if (file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
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
