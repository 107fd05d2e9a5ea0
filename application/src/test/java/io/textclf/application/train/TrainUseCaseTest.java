package io.textclf.application.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.textclf.application.TestData;
import io.textclf.application.TextclfModule;
import io.textclf.application.config.TextclfConfig;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.dataset.DatasetFormatException;
import io.textclf.application.evaluate.EvaluateRequest;
import io.textclf.application.evaluate.EvaluateUseCase;
import io.textclf.application.predict.ClassifierLoader;
import io.textclf.application.predict.LoadedClassifier;
import io.textclf.domain.data.Example;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.predict.Prediction;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.TrainingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The tutorial's recipe end to end on the real ag_news_mini data. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainUseCaseTest {

    @TempDir
    static Path dir;

    private final Injector injector = Guice.createInjector(new TextclfModule(TextclfConfig.defaults()));
    private TrainingReport report;
    private final List<EpochSummary> observedEpochs = new ArrayList<>();
    private final List<String> stages = new ArrayList<>();

    @BeforeAll
    void trainWithTheDefaults() {
        report = injector.getInstance(TrainUseCase.class).train(
                new TrainRequest(TestData.agNewsMini().toString(), TrainingSettings.tutorial(), "reference",
                        dir.resolve("mini.textclf"), BadRowPolicy.FAIL),
                new TrainingObserver() {
                    @Override
                    public void onStage(String message) {
                        stages.add(message);
                    }

                    @Override
                    public void onEpochEnd(EpochSummary summary) {
                        observedEpochs.add(summary);
                    }
                });
    }

    @Test
    void reachesTheTutorialsAccuracyOnAgNewsMini() {
        double accuracy = report.test().orElseThrow().accuracy();
        assertTrue(accuracy >= 0.79, "test accuracy " + accuracy + " is below 0.79 (PyTorch: 0.80)");
        assertEquals(1600, report.test().orElseThrow().examples());
    }

    @Test
    void followsTheTutorialsScheduleAndSplit() {
        assertEquals(10, observedEpochs.size());
        assertEquals(5.0, observedEpochs.get(0).learningRate());
        for (int i = 1; i < observedEpochs.size(); i++) {
            double best = observedEpochs.subList(0, i).stream().mapToDouble(EpochSummary::validationAccuracy).max().orElseThrow();
            double expected = observedEpochs.get(i - 1).learningRate()
                    * (observedEpochs.get(i - 1).validationAccuracy() < best ? 0.1 : 1);
            assertEquals(expected, observedEpochs.get(i).learningRate(), 1e-12, "learning rate of epoch " + (i + 1));
        }
        assertTrue(stages.get(1).contains("5700 rows train, 300 validate"), stages.get(1));
    }

    @Test
    void savedModelHoldsMetricsProvenanceAndSettings() {
        ModelArtifact saved = injector.getInstance(io.textclf.modelformat.ModelFileStore.class)
                .load(report.modelFile());
        assertEquals(report.test().orElseThrow().accuracy(), saved.metrics().testAccuracy());
        assertEquals(TrainingSettings.tutorial(), saved.settings());
        assertEquals("reference", saved.provenance().backend());
        assertEquals(List.of("train", "test"), saved.provenance().datasets().stream().map(d -> d.role()).toList());
        assertEquals(saved.vocabulary().size(), saved.parameters().dims().vocabSize());
    }

    @Test
    void aLoadedModelPredictsExactlyTheSameProbabilities() {
        ClassifierLoader loader = injector.getInstance(ClassifierLoader.class);
        List<String> texts = injector.getInstance(io.textclf.application.dataset.DatasetLoader.class)
                .load(TestData.agNewsMini().toString(), BadRowPolicy.FAIL).test().orElseThrow()
                .examples().stream().map(Example::text).toList();
        try (LoadedClassifier inMemory = loader.open(report.artifact(), "reference");
             LoadedClassifier fromFile = loader.load(report.modelFile(), "reference")) {
            List<Prediction> expected = inMemory.classifier().predict(texts, 4);
            List<Prediction> actual = fromFile.classifier().predict(texts, 4);
            assertEquals(expected, actual);
        }
    }

    @Test
    void evaluateReproducesTheTestAccuracyOfTraining() {
        EvaluateUseCase.Result result = injector.getInstance(EvaluateUseCase.class).evaluate(
                new EvaluateRequest(report.modelFile(), TestData.agNewsMini().toString(), "reference", BadRowPolicy.FAIL));
        assertEquals(report.test().orElseThrow().accuracy(), result.evaluation().accuracy());
        assertEquals(List.of(), result.warnings(), "classes.txt beside the test file");
        long total = 0;
        for (long[] row : result.evaluation().confusion()) {
            for (long count : row) {
                total += count;
            }
        }
        assertEquals(1600, total);
    }

    @Test
    void evaluateOnAnotherDatasetsFileNamesTheClassesThatDifferBeforeReadingIt() {
        Path other = TestData.debian().resolve("test.csv.gz");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> injector
                .getInstance(EvaluateUseCase.class).evaluate(new EvaluateRequest(report.modelFile(), other.toString(),
                        "reference", BadRowPolicy.FAIL)));
        assertTrue(e.getMessage().contains("classes.txt: classes [libs, "), e.getMessage());
        assertTrue(e.getMessage().contains("differ from the model's [World, Sports, Business, Sci/Tech]"),
                e.getMessage());
    }
    /**
     * ag_news_mini's rows of some classes only, with its classes.txt of four: a class without training rows is said,
     * and rows of a single class are refused (there is nothing to tell apart).
     */
    @Test
    void classesWithoutTrainingRowsAreSaidAndOneClassIsRefused() throws IOException {
        List<String> rows = Files.readAllLines(TestData.agNewsMini().resolve("train.csv"));
        for (String classes : List.of("12", "1")) {
            Path data = Files.createDirectories(dir.resolve("classes-" + classes));
            Files.copy(TestData.agNewsMini().resolve("classes.txt"), data.resolve("classes.txt"));
            // whole records on one line (an even number of quotes) of the chosen classes
            Files.write(data.resolve("train.csv"), rows.stream().filter(row -> row.matches("\"[1-4]\",.*")
                    && row.chars().filter(c -> c == '"').count() % 2 == 0 && classes.indexOf(row.charAt(1)) >= 0)
                    .toList());
            List<String> warnings = new ArrayList<>();
            TrainRequest request = new TrainRequest(data.toString(), new TrainingSettings(1, 5.0, 64, 8, 0.1, 1, 0.1,
                    0.05, 1, 0.5, 1, 0, 1000), "reference", data.resolve("m.textclf"), BadRowPolicy.FAIL);
            TrainingObserver observer = new TrainingObserver() {
                @Override
                public void onWarning(String message) {
                    warnings.add(message);
                }
            };
            TrainUseCase useCase = injector.getInstance(TrainUseCase.class);
            if (classes.length() == 1) {
                DatasetFormatException e = assertThrows(DatasetFormatException.class,
                        () -> useCase.train(request, observer));
                assertEquals(data.resolve("train.csv") + ": a classifier needs training rows of at least 2 classes, "
                        + "the file has rows of 1 of the 4 classes", e.getMessage());
            } else {
                useCase.train(request, observer);
                assertEquals(List.of(data.resolve("train.csv") + " has no row of 2 of the 4 classes (Business, "
                        + "Sci/Tech): the model never predicts them"), warnings);
            }
        }
    }
    /** A CSV file alone: its class indices are taken as the model's classes, and the user is told so. */
    @Test
    void aCsvFileWithoutClassesTxtIsReadByTheModelsClassesWithAWarning() throws IOException {
        Path alone = Files.createDirectories(dir.resolve("alone")).resolve("test.csv");
        Files.copy(TestData.agNewsMini().resolve("test.csv"), alone);
        EvaluateUseCase.Result result = injector.getInstance(EvaluateUseCase.class).evaluate(
                new EvaluateRequest(report.modelFile(), alone.toString(), "reference", BadRowPolicy.FAIL));
        assertEquals(report.test().orElseThrow().accuracy(), result.evaluation().accuracy());
        assertEquals(List.of(alone + " has no classes.txt beside it: its class index N is read as the model's class N "
                + "(1 World, 2 Sports, ...); put the dataset's classes.txt beside it to have that checked"),
                result.warnings());
    }
    @Test
    void aVocabularyOfNothingButTheUnknownTokenIsWarnedOf() {
        assertEquals(List.of("the vocabulary holds no token but <unk> (min-freq 1000000): every text is the same to the "
                + "model, which can only learn how often each class is"), warningsOfOneEpoch(0.05, 1_000_000));
    }

    @Test
    void theOnDropScheduleWithoutAValidationSplitIsWarnedOf() {
        assertEquals(List.of("with no validation split the on-drop schedule never lowers the learning rate (it lowers "
                + "it when validation accuracy drops); the step schedule lowers it every step-size epochs"),
                warningsOfOneEpoch(0, 1));
    }

    /** The warnings of one epoch on ag_news_mini (dim 8) with the tutorial's other settings. */
    private List<String> warningsOfOneEpoch(double validationFraction, int minFreq) {
        List<String> warnings = new ArrayList<>();
        injector.getInstance(TrainUseCase.class).train(new TrainRequest(TestData.agNewsMini().toString(),
                new TrainingSettings(1, 5.0, 64, 8, 0.1, 1, 0.1, validationFraction, 1, 0.5, minFreq, 0, 1000),
                "reference", dir.resolve("warned.textclf"), BadRowPolicy.FAIL), new TrainingObserver() {
                    @Override
                    public void onWarning(String message) {
                        warnings.add(message);
                    }
                });
        return warnings;
    }
}
