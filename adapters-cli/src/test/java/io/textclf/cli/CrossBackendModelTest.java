package io.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.application.TestData;
import io.textclf.application.dataset.AgNewsCsvReader;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.domain.data.Example;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A model file means the same thing on every backend: one trained on a backend predicts every test text of
 * ag_news_mini through another with the same labels and probabilities (1e-5), and evaluates to the same accuracy.
 */
class CrossBackendModelTest {

    private static final double TOLERANCE = 1e-5;
    private static final Pattern LABEL = Pattern.compile("\"index\":(\\d+),\"probability\":([-0-9.Ee]+)");

    @TempDir
    static Path dir;

    @ParameterizedTest(name = "trained on {0}, predicted on {1}")
    @CsvSource({"djl, reference", "nd4j, reference", "reference, djl", "reference, nd4j"})
    void aModelTrainedOnOneBackendPredictsAlikeOnAnother(String trainedOn, String predictedOn) {
        Path data = TestData.agNewsMini();
        Path model = dir.resolve(trainedOn + "-" + predictedOn + ".textclf");
        CliRun train = CliRun.of("train", "-d", data.toString(), "-o", model.toString(), "--backend", trainedOn,
                "--epochs", "2", "--progress", "none");
        assertEquals(0, train.exitCode(), train.err());

        String texts = new AgNewsCsvReader().read(data.resolve("test.csv"), 4, BadRowPolicy.FAIL).examples().stream()
                .map(Example::text).map(text -> text.replace('\n', ' ')).collect(Collectors.joining("\n"));
        List<double[]> expected = probabilities(predict(model, trainedOn, texts));
        List<double[]> actual = probabilities(predict(model, predictedOn, texts));
        assertEquals(1600, expected.size());
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(expected.get(i)[c], actual.get(i)[c], TOLERANCE, "text " + (i + 1) + ", class " + c);
            }
        }
        assertEquals(accuracy(model, trainedOn, data), accuracy(model, predictedOn, data));
    }

    private static String predict(Path model, String backend, String texts) {
        CliRun run = CliRun.with(Map.of(), texts, "predict", "-m", model.toString(), "--backend", backend, "--json",
                "--top-k", "4");
        assertEquals(0, run.exitCode(), run.err());
        return run.out();
    }

    /** Each output line's probabilities, by class index. */
    private static List<double[]> probabilities(String jsonLines) {
        return jsonLines.lines().map(line -> {
            double[] byClass = new double[4];
            Matcher label = LABEL.matcher(line);
            int found = 0;
            while (label.find()) {
                byClass[Integer.parseInt(label.group(1))] = Double.parseDouble(label.group(2));
                found++;
            }
            assertEquals(4, found, line);
            return byClass;
        }).toList();
    }

    private static String accuracy(Path model, String backend, Path data) {
        CliRun run = CliRun.of("evaluate", "-m", model.toString(), "-d", data.toString(), "--backend", backend,
                "--json");
        assertEquals(0, run.exitCode(), run.err());
        Matcher accuracy = Pattern.compile("\"accuracy\":([0-9.]+)").matcher(run.out());
        assertTrue(accuracy.find(), run.out());
        return accuracy.group(1);
    }
}
