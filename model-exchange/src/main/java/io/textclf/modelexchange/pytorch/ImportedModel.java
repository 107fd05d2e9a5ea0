package io.textclf.modelexchange.pytorch;

import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelMetrics;
import io.textclf.domain.model.Provenance;
import io.textclf.domain.model.RunSetting;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.train.TrainingSettings;
import java.time.Instant;
import java.util.List;

/**
 * A model trained outside textclf: what predicting needs, and the files it came from.
 *
 * @param pipeline   how texts become tokens: the tutorial's {@code basic_english}, unless the file says otherwise
 * @param parameters the {@code state_dict}
 * @param vocabulary the tutorial's vocabulary (default index: {@code <unk>}, or what the metadata's vocabulary says)
 * @param labels     class names in index order
 * @param sources    each input file by role ({@code state-dict}, {@code vocab}, {@code labels}: its absolute path),
 *                   and the MD5 of its bytes ({@code state-dict-md5}, ...)
 */
public record ImportedModel(PipelineSpec pipeline, StateDict parameters, Vocabulary vocabulary, List<String> labels, List<RunSetting> sources) {

    public ImportedModel {
        labels = List.copyOf(labels);
        sources = List.copyOf(sources);
    }

    /**
     * A textclf model file's content: the pipeline, the tutorial's hyperparameters (with the model's
     * embedding dimension), no measurements, and provenance naming the imported files.
     */
    public ModelArtifact toArtifact(String textclfVersion, Instant createdAt) {
        TrainingSettings tutorial = TrainingSettings.tutorial();
        TrainingSettings settings = new TrainingSettings(tutorial.epochs(), tutorial.learningRate(),
                tutorial.batchSize(), parameters.dims().embeddingDim(), tutorial.gamma(), tutorial.stepSize(),
                tutorial.clipNorm(), tutorial.validationFraction(), tutorial.seed(), tutorial.initRange(),
                tutorial.minFreq(), tutorial.maxTokens(), tutorial.logInterval());
        ModelMetrics metrics = new ModelMetrics(Double.NaN, Double.NaN, 0, Double.NaN, List.of());
        Provenance provenance = new Provenance(List.of(), "pytorch (imported)", textclfVersion,
                System.getProperty("java.version"), createdAt,
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), 0, sources, "");
        return new ModelArtifact(pipeline, vocabulary, labels, parameters, settings, metrics, provenance);
    }
}
