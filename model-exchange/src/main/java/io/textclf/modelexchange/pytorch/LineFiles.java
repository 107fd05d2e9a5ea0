package io.textclf.modelexchange.pytorch;

import io.textclf.modelexchange.ModelExchangeException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Files of one entry per line in UTF-8, as PyTorch users write them: {@code "\n".join(vocab.get_itos())}. */
final class LineFiles {

    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private LineFiles() {
    }

    /**
     * The lines of {@code file}, read as {@code bytes}, without their line ends ({@code \n} or {@code \r\n}) and without a byte order mark
     * before the first (as Windows editors write); one final line end is optional. Empty lines are refused, naming the
     * line.
     *
     * @param what what the file is, for error messages ("vocabulary file")
     */
    static List<String> read(Path file, byte[] bytes, String what) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelExchangeException(file + ": the " + what + " is not UTF-8 text");
        }
        if (text.startsWith(BYTE_ORDER_MARK)) {
            text = text.substring(1);
        }
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        List<String> lines = text.lines().toList();
        if (lines.isEmpty()) {
            throw new ModelExchangeException(file + ": the " + what + " is empty");
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                throw new ModelExchangeException(file + ": line " + (i + 1) + " is empty; a " + what
                        + " has one non-empty entry per line");
            }
        }
        return lines;
    }
}
