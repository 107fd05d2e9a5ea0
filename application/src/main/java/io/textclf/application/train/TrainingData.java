package io.textclf.application.train;

import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.dataset.DatasetFormatException;
import io.textclf.application.dataset.DatasetLoader;
import io.textclf.application.dataset.StreamedDataset;
import io.textclf.application.progress.PhaseMeter;
import io.textclf.application.progress.PhaseProgress;
import io.textclf.domain.data.CorpusEncoder;
import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.data.RandomSplit;
import io.textclf.domain.model.DatasetFingerprint;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.text.VocabularyBuilder;
import io.textclf.domain.train.TrainingSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * What training needs of a dataset, encoded: the vocabulary of the training file, its training and
 * validation split, the test file if there is one, the class labels and what identifies the files.
 */
record TrainingData(Vocabulary vocabulary, EncodedCorpus train, EncodedCorpus validation,
                    Optional<EncodedCorpus> test, List<String> labels, List<DatasetFingerprint> fingerprints,
                    List<String> skippedRows) {

    /**
     * Reads and encodes {@code dataset}: the texts are tokenized in chunks while they are read (on the
     * other cores) and are garbage once their chunk is (they are never all held at once).
     */
    static TrainingData prepare(DatasetLoader datasets, String dataset, BadRowPolicy badRows,
                                TrainingSettings settings, CorpusEncoder encoder, TrainingObserver observer) {
        CorpusEncoder.Intake intake = encoder.intake();
        StreamedDataset read = datasets.stream(datasets.locate(dataset), badRows, observer,
                intake::addCounted, intake::addHeldOut);
        observer.onStage("read " + read.trainRows() + " training rows" + read.testRows()
                .map(rows -> " and " + rows + " test rows").orElse("") + " in "
                + read.labels().size() + " classes from " + read.files().train().getParent()
                + (read.skippedRows().isEmpty() ? ""
                        : " (" + read.skippedRows().size() + " malformed rows skipped)"));
        long documents = read.trainRows() + read.testRows().orElse(0L);
        PhaseMeter vocabularyPhase = new PhaseMeter(observer, "vocabulary", documents, PhaseProgress.DOCUMENTS);
        PhaseMeter encodingPhase = vocabularyPhase.next("encoding", documents, PhaseProgress.DOCUMENTS);
        CorpusEncoder.Encoded built = intake.build(
                new VocabularyBuilder(List.of(Vocabulary.UNKNOWN), settings.minFreq(), settings.maxTokens()),
                vocabularyPhase::add, encodingPhase::add);
        encodingPhase.finish();
        requireClassesToLearn(built.corpus(), read.labels(), read.files().train(), observer);
        EncodedCorpus[] split = new RandomSplit(settings.validationFraction(), settings.seed()).split(built.corpus());
        Optional<EncodedCorpus> test = read.testRows().map(rows -> built.heldOut());
        return new TrainingData(built.vocabulary(), split[0], split[1], test, read.labels(), read.fingerprints(),
                read.skippedRows());
    }

    /**
     * Refuses training rows of fewer than two classes (nothing to tell apart), and warns of classes without any: the
     * model never predicts them (a CSV dataset's classes.txt names classes its training file may lack).
     */
    private static void requireClassesToLearn(EncodedCorpus corpus, List<String> labels, Path file,
                                              TrainingObserver observer) {
        long[] rows = new long[labels.size()];
        for (int row = 0; row < corpus.size(); row++) {
            rows[corpus.label(row)]++;
        }
        List<String> missing = IntStream.range(0, labels.size()).filter(c -> rows[c] == 0).mapToObj(labels::get)
                .toList();
        if (labels.size() - missing.size() < 2) {
            throw new DatasetFormatException(file + ": a classifier needs training rows of at least 2 classes, the file "
                    + "has rows of " + (labels.size() - missing.size()) + " of the " + labels.size() + " classes");
        }
        if (!missing.isEmpty()) {
            observer.onWarning(file + " has no row of " + missing.size() + " of the " + labels.size() + " classes ("
                    + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                    + (missing.size() > 5 ? ", ..." : "") + "): the model never predicts them");
        }
    }
}
