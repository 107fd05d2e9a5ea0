package io.textclf.application.dataset;

import io.textclf.domain.data.AgNewsRow;
import io.textclf.domain.data.Example;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Reads the AG News CSV layout: {@code "class index","title","description"}, RFC 4180 quoting (a
 * quote inside a quoted field is doubled), fields that may span lines, literal backslashes, no
 * header, class indices from 1. The text of a row is title + " " + description, as torchtext joins
 * them. A quote inside an unquoted field, or text after a closing quote, is kept literally (as
 * Python's csv module does).
 */
public final class AgNewsCsvReader {

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
        try (InputStream in = TextFiles.openUtf8(file, bytesRead)) {
            CsvRecordScanner scanner = new CsvRecordScanner(in);
            while (scanner.next()) {
                String problem = validate(scanner, numClasses);
                if (problem == null) {
                    rows.accept(new Example(AgNewsRow.label(scanner.field(0)), scanner.joined(1, 2)));
                } else {
                    scanner.joined(0, scanner.fieldCount() - 1);
                    rows.reject(scanner.recordLine(), problem);
                }
            }
        } catch (IOException e) {
            throw TextFiles.readFailure(file, e);
        } catch (CsvRecordScanner.UnterminatedQuoteException e) {
            throw new DatasetFormatException(file, e.line, "a quoted field opened here is never closed");
        }
    }

    private static String validate(CsvRecordScanner record, int numClasses) throws IOException {
        if (record.fieldCount() != AgNewsRow.FIELDS) {
            long last = record.recordLastLine();
            return "expected 3 fields (class index, title, description), found " + record.fieldCount()
                    + (last > record.recordLine() ? "; a quoted field runs from this line to line " + last + ", and the "
                    + "row holds them all: is a quote on this line left open?" : "");
        }
        return AgNewsRow.indexProblem(record.field(0), numClasses);
    }
}
