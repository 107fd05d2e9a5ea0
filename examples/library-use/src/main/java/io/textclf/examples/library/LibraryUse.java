package io.textclf.examples.library;

import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.data.RandomSplit;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.ModelMetrics;
import io.textclf.domain.model.Provenance;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.predict.Prediction;
import io.textclf.domain.predict.TextClassifier;
import io.textclf.domain.reference.ReferenceBackend;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.text.Tokenizer;
import io.textclf.domain.text.Tokenizers;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.text.VocabularyBuilder;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.Trainer;
import io.textclf.domain.train.TrainingListener;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.modelformat.ModelFileStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The snippet of docs/architecture.md ("Using the domain as a library"), compiled: trains the tutorial's
 * classifier with the domain alone, writes a model file textclf reads, loads it back and predicts.
 */
public final class LibraryUse {

    private LibraryUse() {
    }

    /**
     * Trains on {@code texts} (class {@code labels[i]} of {@code labelNames}), saves the model to {@code target}
     * and returns the prediction of {@code question} by the model read back from it.
     */
    public static Prediction trainSaveLoadPredict(List<String> texts, int[] labels, List<String> labelNames,
                                                  Path target, String question) {
        // --- snippet: docs/architecture.md ---
        PipelineSpec pipeline = PipelineSpec.tutorial();
        Tokenizers tokenizers = Tokenizers.load(LibraryUse.class.getClassLoader());
        Tokenizer tokenizer = tokenizers.create(pipeline);
        List<List<String>> tokenized = texts.stream().map(tokenizer::tokenize).toList();
        Vocabulary vocabulary = VocabularyBuilder.tutorial().addAll(tokenized).build();
        EncodedCorpus corpus = EncodedCorpus.encodeTokens(tokenized, labels, vocabulary);
        TrainingSettings settings = TrainingSettings.tutorial();
        EncodedCorpus[] split = new RandomSplit(settings.validationFraction(), settings.seed()).split(corpus);
        StateDict initial = new UniformInitializer(settings.initRange(), settings.seed())
                .initialize(new ModelDims(vocabulary.size(), settings.embeddingDim(), labelNames.size()));
        Trainer.Result result = new Trainer(new ReferenceBackend(), new CrossEntropyLoss(), settings)
                .train(initial, split[0], split[1], TrainingListener.NONE);

        ModelFileStore store = new ModelFileStore();
        store.save(new ModelArtifact(pipeline, vocabulary, labelNames, result.parameters(), settings,
                new ModelMetrics(Double.NaN, Double.NaN, 0, Double.NaN, result.epochs()),
                new Provenance(List.of(), "reference", Provenance.currentVersion(), Runtime.version().toString(),
                        Instant.now(), System.getProperty("os.name"), 0)), target);

        ModelArtifact loaded = store.load(target);
        try (TextClassifier classifier = new TextClassifier(tokenizers.create(loaded.pipeline()),
                loaded.vocabulary(), loaded.labels(), new ReferenceBackend().inference(loaded.parameters()))) {
            return classifier.predict(List.of(question), 1).get(0);
        }
        // --- end of snippet ---
    }
}
