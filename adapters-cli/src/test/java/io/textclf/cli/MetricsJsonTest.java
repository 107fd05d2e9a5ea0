package io.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.textclf.domain.metrics.ClassificationMetrics;
import io.textclf.modelexchange.json.JsonReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON of a test report holds what the file holds: top-k accuracy for every k up to the classes. */
class MetricsJsonTest {

    @Test
    void topKAccuracyGoesUpToTheNumberOfClasses() {
        List<String> labels = List.of("a", "b", "c", "d", "e", "f", "g");
        long[][] confusion = new long[7][7];
        for (int c = 0; c < 7; c++) {
            confusion[c][(c + 1) % 7] = 1;
        }
        long[] topK = {0, 1, 2, 3, 4, 6, 7};
        ClassificationMetrics metrics = ClassificationMetrics.of(labels, 0.5, confusion, topK);
        Map<?, ?> json = (Map<?, ?>) JsonReader.parse(Json.object(MetricsJson.fields(metrics).toArray(String[]::new)));
        Map<?, ?> accuracy = (Map<?, ?>) json.get("top_k_accuracy");
        assertEquals(7, accuracy.size());
        assertEquals(6 / 7.0, ((Number) accuracy.get("6")).doubleValue(), 1e-12);
        assertEquals(1.0, ((Number) accuracy.get("7")).doubleValue(), 1e-12);
    }
}
