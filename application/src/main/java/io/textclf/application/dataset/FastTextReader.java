package io.textclf.application.dataset;

import io.textclf.domain.data.Example;
import io.textclf.domain.data.FastTextLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Reads fastText's layout ({@link FastTextLine}): one document per line, {@code __label__NAME} then the text; a
 * line with a second label is malformed. Blank lines are skipped.
 */
public final class FastTextReader {

    /**
     * @param labelIndex class name to index; a label missing from it is a malformed row
     */
    public ReadResult read(Path file, Map<String, Integer> labelIndex, BadRowPolicy badRows) {
        return read(file, labelIndex, badRows, bytes -> { });
    }

    /** As {@link #read(Path, Map, BadRowPolicy)}, telling {@code bytesRead} how many of the file's bytes each read took. */
    public ReadResult read(Path file, Map<String, Integer> labelIndex, BadRowPolicy badRows, LongConsumer bytesRead) {
        RowCollector rows = RowCollector.keeping(file, badRows);
        read(file, labelIndex, rows, bytesRead);
        return rows.result();
    }

    void read(Path file, Map<String, Integer> labelIndex, RowCollector rows, LongConsumer bytesRead) {
        try (BufferedReader reader = TextFiles.open(file, bytesRead)) {
            NewlineLines lines = new NewlineLines(reader);
            String text;
            long line = 0;
            while ((text = lines.next()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                String label = FastTextLine.label(text);
                String problem = FastTextLine.problem(text, label);
                if (problem == null && !labelIndex.containsKey(label)) {
                    problem = "label '" + label + "' is not one of " + inIndexOrder(labelIndex);
                }
                if (problem == null) {
                    rows.accept(new Example(labelIndex.get(label), FastTextLine.text(text, label)));
                } else {
                    rows.reject(line, problem);
                }
            }
        } catch (IOException e) {
            throw TextFiles.readFailure(file, e);
        }
    }

    /** The label names by their index, as the model lists its classes. */
    private static List<String> inIndexOrder(Map<String, Integer> labelIndex) {
        return labelIndex.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
    }

    /** The label names of a file in order of first appearance. */
    public List<String> labels(Path file) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        try (BufferedReader reader = TextFiles.open(file)) {
            NewlineLines lines = new NewlineLines(reader);
            String text;
            while ((text = lines.next()) != null) {
                String label = FastTextLine.label(text);
                if (label != null) {
                    names.add(label);
                }
            }
        } catch (IOException e) {
            throw TextFiles.readFailure(file, e);
        }
        return new ArrayList<>(names);
    }
}
