package io.textclf.application.dataset;

import io.textclf.domain.data.Example;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Reads the AG News CSV layout: {@code "class index","title","description"}, RFC 4180 quoting (a
 * quote inside a quoted field is doubled), fields that may span lines, literal backslashes, no
 * header, class indices from 1. The text of a row is title + " " + description, as torchtext joins
 * them. A quote inside an unquoted field, or text after a closing quote, is kept literally (as
 * Python's csv module does).
 */
public final class AgNewsCsvReader {

    private static final int FIELDS = 3;

    /**
     * @param file       the CSV file, optionally gzip-compressed ({@code .gz})
     * @param numClasses class indices must be in {@code [1, numClasses]}
     * @param badRows    what to do with malformed rows
     */
    public ReadResult read(Path file, int numClasses, BadRowPolicy badRows) {
        return read(file, numClasses, badRows, bytes -> { });
    }

    /** As {@link #read(Path, int, BadRowPolicy)}, telling {@code bytesRead} how many of the file's bytes each read took. */
    public ReadResult read(Path file, int numClasses, BadRowPolicy badRows, LongConsumer bytesRead) {
        RowCollector rows = RowCollector.keeping(file, badRows);
        read(file, numClasses, rows, bytesRead);
        return rows.result();
    }

    void read(Path file, int numClasses, RowCollector rows, LongConsumer bytesRead) {
        try (BufferedReader reader = TextFiles.open(file, bytesRead)) {
            RecordScanner scanner = new RecordScanner(reader);
            List<String> fields;
            while ((fields = scanner.next()) != null) {
                long line = scanner.recordLine();
                String problem = validate(fields, numClasses);
                if (problem == null) {
                    rows.accept(new Example(Integer.parseInt(fields.get(0).trim()) - 1,
                            fields.get(1) + " " + fields.get(2)));
                } else {
                    rows.reject(line, problem);
                }
            }
        } catch (IOException e) {
            throw TextFiles.readFailure(file, e);
        } catch (RecordScanner.UnterminatedQuoteException e) {
            throw new DatasetFormatException(file, e.line, "a quoted field opened here is never closed");
        }
    }

    private static String validate(List<String> fields, int numClasses) {
        if (fields.size() != FIELDS) {
            return "expected 3 fields (class index, title, description), found " + fields.size();
        }
        String index = fields.get(0).trim();
        int label;
        try {
            label = Integer.parseInt(index);
        } catch (NumberFormatException e) {
            return "class index '" + abbreviate(index) + "' is not a whole number";
        }
        if (label < 1 || label > numClasses) {
            return "class index " + label + " is outside 1.." + numClasses + " (classes.txt names " + numClasses
                    + " classes)";
        }
        return null;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }

    /** Splits the character stream into RFC 4180 records. */
    private static final class RecordScanner {

        static final class UnterminatedQuoteException extends RuntimeException {
            private static final long serialVersionUID = 1L;
            final long line;

            UnterminatedQuoteException(long line) {
                super(null, null, false, false);
                this.line = line;
            }
        }

        private final BufferedReader reader;
        private final StringBuilder field = new StringBuilder();
        private long line = 1;
        private long recordLine;
        private int pushedBack = -2;
        private final char[] buffer = new char[1 << 16];
        private int position;
        private int limit;

        RecordScanner(BufferedReader reader) {
            this.reader = reader;
        }

        long recordLine() {
            return recordLine;
        }

        /** The next record's fields, or null at the end; blank lines are skipped. */
        List<String> next() throws IOException {
            int c = read();
            while (c == '\n' || c == '\r') {
                c = read();
            }
            if (c == -1) {
                return null;
            }
            recordLine = line;
            List<String> fields = new ArrayList<>(FIELDS);
            field.setLength(0);
            boolean quoted = false;
            boolean fieldStart = true;
            while (true) {
                if (quoted) {
                    if (c == -1) {
                        throw new UnterminatedQuoteException(recordLine);
                    }
                    if (c == '"') {
                        int following = read();
                        if (following == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            c = following;
                            continue;
                        }
                    } else {
                        field.append((char) c);
                    }
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldStart = true;
                    c = read();
                    continue;
                } else if (c == '\n' || c == '\r' || c == -1) {
                    if (c == '\r') {
                        int following = read();
                        if (following != '\n') {
                            unread(following);
                        }
                    }
                    fields.add(field.toString());
                    return fields;
                } else if (c == '"' && fieldStart) {
                    quoted = true;
                } else {
                    field.append((char) c);
                }
                fieldStart = false;
                c = read();
            }
        }

        private int read() throws IOException {
            if (pushedBack != -2) {
                int c = pushedBack;
                pushedBack = -2;
                return c;
            }
            if (position == limit) {
                limit = reader.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            char c = buffer[position++];
            if (c == '\n') {
                line++;
            }
            return c;
        }

        private void unread(int c) {
            pushedBack = c;
        }
    }
}
