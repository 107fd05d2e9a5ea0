package io.textclf.examples.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.predict.Prediction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryUseTest {

    private static final String START = "// --- snippet: docs/architecture.md ---";
    private static final String END = "// --- end of snippet ---";

    @Test
    void theSnippetInTheArchitectureDocumentIsThisCompiledCode() throws IOException {
        String source = Files.readString(Path.of("src/main/java/io/textclf/examples/library/LibraryUse.java"));
        String document = Files.readString(Path.of("../../docs/architecture.md"), StandardCharsets.UTF_8);
        String dedented = source.substring(source.indexOf(START) + START.length(), source.indexOf(END))
                .stripIndent().strip();
        assertTrue(document.contains("```java\n" + dedented + "\n```"),
                "docs/architecture.md must show the snippet of LibraryUse.java as it is:\n" + dedented);
    }

    @Test
    void trainsSavesLoadsAndPredicts(@TempDir Path dir) {
        List<String> texts = new ArrayList<>();
        int[] labels = new int[400];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 2;
            texts.add(labels[i] == 0 ? "the match ended with a late goal " + i : "shares fell as the market closed " + i);
        }
        Path file = dir.resolve("my.textclf");
        Prediction prediction = LibraryUse.trainSaveLoadPredict(texts, labels, List.of("Sports", "Business"), file,
                "a goal in the last minute of the match");
        assertTrue(Files.isRegularFile(file));
        assertEquals("Sports", prediction.top().label());
    }
}
