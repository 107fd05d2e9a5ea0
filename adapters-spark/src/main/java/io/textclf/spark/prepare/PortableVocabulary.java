package io.textclf.spark.prepare;

import io.textclf.domain.text.Vocabulary;
import java.io.Serializable;
import java.util.Arrays;

/**
 * A {@link Vocabulary} in a form Spark can broadcast: the tokens in index order and the default index.
 * Executors rebuild the lookup table once per task.
 */
public record PortableVocabulary(String[] tokens, int defaultIndex) implements Serializable {

    private static final long serialVersionUID = 1L;

    public static PortableVocabulary of(Vocabulary vocabulary) {
        return new PortableVocabulary(vocabulary.tokens().toArray(String[]::new), vocabulary.defaultIndex());
    }

    public Vocabulary toVocabulary() {
        return new Vocabulary(Arrays.asList(tokens), defaultIndex);
    }
}
