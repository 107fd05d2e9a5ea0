package io.textclf.spark.predict;

import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.predict.TextClassifier;
import io.textclf.domain.reference.ReferenceBackend;
import io.textclf.domain.text.BasicEnglishTokenizer;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.spark.model.PortableTensors;
import io.textclf.spark.prepare.PortableVocabulary;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an executor needs to classify raw text: vocabulary, class names and parameters, broadcast
 * once per {@link TextclfTransformer}. Each executor JVM builds one {@link TextClassifier} per
 * broadcast and shares it between its tasks (the classifier is thread-safe).
 */
record ModelPayload(PortableVocabulary vocabulary, String[] labels, PortableTensors parameters)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Map<Long, TextClassifier> CLASSIFIERS = new ConcurrentHashMap<>();

    static ModelPayload of(ModelArtifact artifact) {
        if (!artifact.pipeline().equals(PipelineSpec.tutorial())) {
            throw new IllegalArgumentException("the model's text pipeline is " + artifact.pipeline().describe()
                    + "; textclf-spark predicts with the tutorial's (" + PipelineSpec.tutorial().describe() + ") only");
        }
        return new ModelPayload(PortableVocabulary.of(artifact.vocabulary()), artifact.labels().toArray(String[]::new),
                PortableTensors.of(artifact.parameters()));
    }

    /** The classifier of broadcast {@code id} holding this payload, built on first use in this JVM. */
    TextClassifier classifier(long id) {
        return CLASSIFIERS.computeIfAbsent(id, key -> new TextClassifier(new BasicEnglishTokenizer(),
                vocabulary.toVocabulary(), List.of(labels), new ReferenceBackend().inference(parameters.toStateDict())));
    }
}
