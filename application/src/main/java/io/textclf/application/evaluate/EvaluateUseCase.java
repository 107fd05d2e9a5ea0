package io.textclf.application.evaluate;

import com.google.inject.Inject;
import io.textclf.application.backend.BackendRegistry;
import io.textclf.application.dataset.DatasetFiles;
import io.textclf.application.dataset.DatasetFormatException;
import io.textclf.application.dataset.DatasetLoader;
import io.textclf.modelformat.ModelFileStore;
import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.data.LabeledCorpus;
import io.textclf.domain.metrics.ClassificationMetrics;
import io.textclf.domain.model.Model;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.text.Tokenizers;
import io.textclf.domain.train.Evaluation;
import io.textclf.domain.train.Evaluator;
import io.textclf.domain.train.Loss;
import java.nio.file.Path;

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

    /** The evaluation, and the test file it was computed on. */
    public record Result(ModelArtifact artifact, Path testFile, Evaluation evaluation) {

        /** Every metric of the evaluation, classes named by the model's labels. */
        public ClassificationMetrics metrics() {
            return ClassificationMetrics.of(evaluation, artifact.labels());
        }
    }

    public Result evaluate(EvaluateRequest request) {
        ModelArtifact artifact = store.load(request.modelFile());
        DatasetFiles files = datasets.locate(request.dataset());
        Path testFile = files.test().orElseThrow(() -> new DatasetFormatException(
                "dataset '" + request.dataset() + "' has no test file (test.csv[.gz] or test.txt[.gz])"));
        LabeledCorpus test = datasets.readFile(testFile, files.layout(), artifact.labels(), request.badRows());
        files.classes().map(DatasetLoader::readClasses).filter(names -> !names.equals(artifact.labels()))
                .ifPresent(names -> {
                    throw new DatasetFormatException(files.classes().get() + ": classes " + names
                            + " differ from the model's " + artifact.labels());
                });
        EncodedCorpus encoded = EncodedCorpus.encode(test.examples(), tokenizers.create(artifact.pipeline()),
                artifact.vocabulary());
        try (Model model = backends.get(request.backend()).inference(artifact.parameters())) {
            return new Result(artifact, testFile, new Evaluator(loss).evaluate(model, encoded));
        }
    }
}
