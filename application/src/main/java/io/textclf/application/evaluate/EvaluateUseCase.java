package io.textclf.application.evaluate;

import com.google.inject.Inject;
import io.textclf.application.backend.BackendRegistry;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.dataset.DatasetFiles;
import io.textclf.application.dataset.DatasetFormatException;
import io.textclf.application.dataset.DatasetLoader;
import io.textclf.application.dataset.Md5;
import io.textclf.application.dataset.ReadResult;
import io.textclf.application.predict.ClassifierLoader;
import io.textclf.application.progress.PhaseMeter;
import io.textclf.application.progress.PhaseProgress;
import io.textclf.application.progress.ProgressListener;
import io.textclf.domain.data.CorpusEncoder;
import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.data.LabeledCorpus;
import io.textclf.domain.data.Layout;
import io.textclf.domain.metrics.ClassificationMetrics;
import io.textclf.domain.metrics.Evaluation;
import io.textclf.domain.model.DatasetFingerprint;
import io.textclf.domain.model.Model;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.text.Tokenizer;
import io.textclf.domain.text.Tokenizers;
import io.textclf.domain.train.Evaluator;
import io.textclf.domain.train.Loss;
import io.textclf.modelformat.ModelFileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Scores a saved model on the test file of a dataset. */
public final class EvaluateUseCase {

    private final ModelFileStore store;
    private final DatasetLoader datasets;
    private final BackendRegistry backends;
    private final Tokenizers tokenizers;
    private final Loss loss;

    @Inject
    EvaluateUseCase(ModelFileStore store, DatasetLoader datasets, BackendRegistry backends, Tokenizers tokenizers,
                    Loss loss) {
        this.store = store;
        this.datasets = datasets;
        this.backends = backends;
        this.tokenizers = tokenizers;
        this.loss = loss;
    }

    /**
     * The evaluation, the test file it was computed on (with its MD5 and the rows scored), its rows skipped as
     * malformed (described by file and line; with {@link BadRowPolicy#SKIP} only), warnings for its user, one line
     * each, and when it finished.
     */
    public record Result(ModelArtifact artifact, DatasetFingerprint testData, Evaluation evaluation,
                         List<String> skippedRows, List<String> warnings, Instant evaluatedAt) {

        /** The test file scored. */
        public Path testFile() {
            return Path.of(testData.path());
        }

        /**
         * For a report: which data the scores are on, in one line: the file, its rows scored and skipped, its MD5, and
         * when.
         */
        public String describe() {
            return "the test file " + testData.path() + " (" + testData.rows() + " rows scored"
                    + (skippedRows.isEmpty() ? "" : ", " + skippedRows.size() + " malformed rows skipped") + ", MD5 "
                    + testData.md5() + "), evaluated " + evaluatedAt;
        }

        /** Every metric of the evaluation, classes named by the model's labels. */
        public ClassificationMetrics metrics() {
            return ClassificationMetrics.of(evaluation, artifact.labels());
        }
    }

    public Result evaluate(EvaluateRequest request) {
        return evaluate(request, ProgressListener.NONE);
    }

    /**
     * Scores the model on the dataset's test file, or on the data file the request names (a CSV file
     * with class indices, its classes in a {@code classes.txt} beside it if any, or fastText lines).
     */
    public Result evaluate(EvaluateRequest request, ProgressListener progress) {
        ModelArtifact artifact = store.load(request.modelFile());
        Tokenizer tokenizer = ClassifierLoader.tokenizerOf(tokenizers, artifact, request.modelFile());
        Path named = Path.of(request.dataset());
        DatasetFiles files = Files.isRegularFile(named) ? singleFile(named)
                : datasets.testOnlyFile(named).or(() -> datasets.namedTestFile(request.dataset()))
                        .map(EvaluateUseCase::singleFile).orElseGet(() -> locate(named, request.dataset()));
        Path testFile = files.test().orElseThrow(() -> new DatasetFormatException(
                "dataset '" + request.dataset() + "' has no test file (test.csv[.gz] or test.txt[.gz])"));
        files.classes().map(DatasetLoader::readClasses).filter(names -> !names.equals(artifact.labels()))
                .ifPresent(names -> {
                    throw new DatasetFormatException(files.classes().get() + ": classes " + names
                            + " differ from the model's " + artifact.labels());
                });
        ReadResult read = datasets.readRows(testFile, files.layout(), artifact.labels(), request.badRows(), progress);
        LabeledCorpus test = new LabeledCorpus(artifact.labels(), read.examples());
        PhaseMeter encoding = new PhaseMeter(progress, "encoding", test.size(), PhaseProgress.DOCUMENTS);
        EncodedCorpus encoded = new CorpusEncoder(tokenizer, artifact.pipeline().wordNgrams())
                .encode(test.examples(), artifact.vocabulary(), encoding::add);
        encoding.finish();
        try (Model model = backends.get(request.backend()).inference(artifact.parameters())) {
            PhaseMeter evaluation = new PhaseMeter(progress, "evaluation", encoded.size(), PhaseProgress.DOCUMENTS);
            Evaluation result = new Evaluator(loss).evaluate(model, encoded);
            evaluation.finish();
            DatasetFingerprint testData = new DatasetFingerprint("test", testFile.toString(), Md5.of(testFile),
                    encoded.size());
            return new Result(artifact, testData, result, read.skippedRows(), classesWarning(files, artifact),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    /**
     * A CSV test file's class indices without a {@code classes.txt} to check them against are the model's classes in
     * its order: right for a model trained on such a dataset, wrong for one that numbered its classes otherwise
     * (fastText's labels, in order of first appearance), and nothing in the file can tell.
     */
    private static List<String> classesWarning(DatasetFiles files, ModelArtifact artifact) {
        if (files.layout() != Layout.AG_NEWS_CSV || files.classes().isPresent()) {
            return List.of();
        }
        List<String> labels = artifact.labels();
        return List.of(files.test().orElseThrow() + " has no classes.txt beside it: its class index N is read as the "
                + "model's class N (1 " + labels.get(0) + ", 2 " + labels.get(1) + (labels.size() > 2 ? ", ..." : "")
                + "); put the dataset's classes.txt beside it to have that checked");
    }

    /** The dataset {@code spec} names; a folder without any file to evaluate on is refused naming the test files. */
    private DatasetFiles locate(Path folder, String spec) {
        if (!Files.exists(folder) && layoutOf(spec).isPresent()) {
            throw new DatasetFormatException("no data file '" + spec + "': nothing has that path");
        }
        if (Files.isDirectory(folder) && !DatasetLoader.hasTrainingFile(folder)) {
            throw new DatasetFormatException(folder + ": expected a test file: test.csv[.gz] (with classes.txt beside "
                    + "it, or classes from the model) or test.txt[.gz]");
        }
        return datasets.locate(spec);
    }

    /** The layout a data file named {@code fileName} has (CSV or fastText, maybe gzipped), or empty for other names. */
    private static Optional<Layout> layoutOf(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || name.endsWith(".csv.gz") ? Optional.of(Layout.AG_NEWS_CSV)
                : name.endsWith(".txt") || name.endsWith(".txt.gz") ? Optional.of(Layout.FASTTEXT) : Optional.empty();
    }

    /** A single data file as a dataset whose test file it is; its layout from its name. */
    private static DatasetFiles singleFile(Path file) {
        Layout layout = layoutOf(file.getFileName().toString()).orElseThrow(() -> new DatasetFormatException(file
                + ": expected a .csv[.gz] file (class index, title, description) or a fastText .txt[.gz] file "
                + "(__label__NAME text)"));
        Path classes = file.toAbsolutePath().resolveSibling("classes.txt");
        return new DatasetFiles(file.toString(), layout, file, Optional.of(file),
                layout == Layout.AG_NEWS_CSV && Files.isRegularFile(classes) ? Optional.of(classes) : Optional.empty());
    }
}
