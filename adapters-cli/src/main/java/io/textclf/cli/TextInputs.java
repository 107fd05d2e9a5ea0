package io.textclf.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Texts given as arguments, or else one per line on standard input, handed over in batches as they
 * arrive: a command in a pipe answers while its input is still coming, in memory bounded by the batch.
 */
final class TextInputs {

    private TextInputs() {
    }

    /**
     * Calls {@code action} with consecutive batches of at most {@code batchSize} texts, in input order.
     *
     * @param arguments texts from the command line; when null or empty, lines of stdin are read instead
     */
    static void inBatches(List<String> arguments, int batchSize, Consumer<List<String>> action) {
        if (arguments != null && !arguments.isEmpty()) {
            for (int from = 0; from < arguments.size(); from += batchSize) {
                action.accept(arguments.subList(from, Math.min(arguments.size(), from + batchSize)));
            }
            return;
        }
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            List<String> batch = new ArrayList<>(batchSize);
            String line;
            while ((line = reader.readLine()) != null) {
                batch.add(line);
                if (batch.size() == batchSize || !reader.ready()) {
                    action.accept(List.copyOf(batch));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                action.accept(List.copyOf(batch));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
        }
    }
}
