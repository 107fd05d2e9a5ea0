package io.textclf.application.dataset;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
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
}
