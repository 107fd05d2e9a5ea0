package io.textclf.domain.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.model.Model;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.reference.ReferenceBackend;
import io.textclf.domain.text.BasicEnglishTokenizer;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.text.WordNgrams;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hand-made model: {@code <unk>} embeds to (1, 0), {@code good} to (0, 1), {@code bad} to (0, -1); class
 * "Other" scores 2x, "Positive" 3y, "Negative" -3y, no bias.
 */
class TextClassifierTest {

    private static final Vocabulary VOCABULARY = new Vocabulary(List.of(Vocabulary.UNKNOWN, "good", "bad"), 0);
    private static final List<String> LABELS = List.of("Other", "Positive", "Negative");
    private static final StateDict PARAMETERS = StateDict.of(
            new Tensor(new int[] {3, 2}, new float[] {1, 0, 0, 1, 0, -1}),
            new Tensor(new int[] {3, 2}, new float[] {2, 0, 0, 3, 0, -3}),
            new Tensor(new int[] {3}, new float[3]));

    @Test
    void probabilitiesAreTheSoftmaxOfTheMeanEmbeddingsScores() {
        try (TextClassifier classifier = classifier()) {
            // mean of good, good, bad = (0, 1/3): logits (0, 1, -1)
            Prediction prediction = classifier.predict("good GOOD bad", 3);
            double sum = 1 + Math.E + 1 / Math.E;
            assertLabels(prediction, 1, 0, 2);
            assertEquals(Math.E / sum, prediction.labels().get(0).probability(), 1e-6);
            assertEquals(1 / sum, prediction.labels().get(1).probability(), 1e-6);
            assertEquals(1 / Math.E / sum, prediction.labels().get(2).probability(), 1e-6);
            assertEquals("Positive", prediction.top().label());
        }
    }

    /** A broken model's NaN logit ranks first, as torch.argmax and evaluation take it. */
    @Test
    void aNanLogitRanksFirstAsInEvaluation() {
        StateDict broken = StateDict.of(PARAMETERS.get(StateDict.EMBEDDING_WEIGHT),
                new Tensor(new int[] {3, 2}, new float[] {2, 0, Float.NaN, 3, 0, -3}),
                PARAMETERS.get(StateDict.FC_BIAS));
        try (TextClassifier classifier = new TextClassifier(new BasicEnglishTokenizer(), VOCABULARY, LABELS,
                new ReferenceBackend().inference(broken))) {
            assertLabels(classifier.predict("good", 3), 1, 0, 2);
        }
    }

    @Test
    void probabilitiesSumToOneSortedDescending() {
        try (TextClassifier classifier = classifier()) {
            for (String text : List.of("good", "bad bad good", "what is this?", "", "good. bad, <unk>!")) {
                List<ScoredLabel> labels = classifier.predict(text, 3).labels();
                assertEquals(3, labels.size());
                double sum = 0;
                for (int i = 0; i < labels.size(); i++) {
                    sum += labels.get(i).probability();
                    assertEquals(LABELS.get(labels.get(i).index()), labels.get(i).label());
                    if (i > 0) {
                        assertTrue(labels.get(i - 1).probability() >= labels.get(i).probability(), text);
                    }
                }
                assertEquals(1, sum, 1e-12, text);
            }
        }
    }

    @Test
    void unknownWordsUseTheUnkRow() {
        try (TextClassifier classifier = classifier()) {
            // two unknown tokens: mean (1, 0), logits (2, 0, 0); the tie between 1 and 2 goes to the lower index
            Prediction prediction = classifier.predict("zebra quagga", 3);
            double sum = Math.exp(2) + 2;
            assertLabels(prediction, 0, 1, 2);
            assertEquals(Math.exp(2) / sum, prediction.labels().get(0).probability(), 1e-6);
            assertEquals(1 / sum, prediction.labels().get(1).probability(), 1e-6);
            assertEquals(1 / sum, prediction.labels().get(2).probability(), 1e-6);
        }
    }

    @Test
    void eachPredictionCountsTheTextsWordsAndThoseTheVocabularyHolds() {
        try (TextClassifier classifier = classifier()) {
            List<Prediction> predictions = classifier.predict(List.of("good zebra bad", "zebra quagga", "", "good"), 1);
            assertEquals(List.of(3, 2, 0, 1), predictions.stream().map(Prediction::words).toList());
            assertEquals(List.of(2, 0, 0, 1), predictions.stream().map(Prediction::knownWords).toList());
            assertEquals(List.of(false, true, true, false), predictions.stream().map(Prediction::noKnownWords).toList());
        }
        StateDict withBuckets = StateDict.of(new Tensor(new int[] {5, 2}, new float[10]),
                PARAMETERS.get(StateDict.FC_WEIGHT), PARAMETERS.get(StateDict.FC_BIAS));
        try (TextClassifier bigrams = new TextClassifier(new BasicEnglishTokenizer(), WordNgrams.of(2, 2), VOCABULARY,
                LABELS, new ReferenceBackend().inference(withBuckets))) {
            Prediction prediction = bigrams.predict("good zebra bad", 1);
            assertEquals(3, prediction.words(), "the two bigrams are not words");
            assertEquals(2, prediction.knownWords());
        }
    }

    @Test
    void textWithoutTokensIsUniform() {
        try (TextClassifier classifier = classifier()) {
            Prediction prediction = classifier.predict(" ;: ", 3);
            assertLabels(prediction, 0, 1, 2);
            for (ScoredLabel label : prediction.labels()) {
                assertEquals(1.0 / 3, label.probability(), 1e-7);
            }
        }
    }

    @Test
    void topKKeepsTheMostProbable() {
        try (TextClassifier classifier = classifier()) {
            List<ScoredLabel> all = classifier.predict("bad", 3).labels();
            assertEquals(all.subList(0, 1), classifier.predict("bad", 1).labels());
            assertEquals(all.subList(0, 2), classifier.predict("bad", 2).labels());
            assertEquals(all, classifier.predict("bad", 50).labels());
            assertEquals("Negative", all.get(0).label());
        }
    }

    @Test
    void rejectsTopKBelowOne() {
        try (TextClassifier classifier = classifier()) {
            assertThrows(IllegalArgumentException.class, () -> classifier.predict("good", 0));
        }
    }

    @Test
    void batchPredictionKeepsTheOrderOfTheTexts() {
        try (TextClassifier classifier = classifier()) {
            List<String> texts = List.of("bad", "", "good", "zebra");
            List<Prediction> batch = classifier.predict(texts, 3);
            assertEquals(texts.size(), batch.size());
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(classifier.predict(texts.get(i), 3), batch.get(i), texts.get(i));
            }
        }
    }

    @Test
    void rejectsLabelsOrVocabularyThatDoNotFitTheModel() {
        Model model = new ReferenceBackend().inference(PARAMETERS);
        BasicEnglishTokenizer tokenizer = new BasicEnglishTokenizer();
        assertThrows(IllegalArgumentException.class,
                () -> new TextClassifier(tokenizer, VOCABULARY, List.of("Other", "Positive"), model));
        assertThrows(IllegalArgumentException.class, () -> new TextClassifier(tokenizer,
                new Vocabulary(List.of(Vocabulary.UNKNOWN, "good"), 0), LABELS, model));
    }

    @Test
    void closingTheClassifierClosesTheModel() {
        ClosingModel model = new ClosingModel(new ReferenceBackend().inference(PARAMETERS));
        new TextClassifier(new BasicEnglishTokenizer(), VOCABULARY, LABELS, model).close();
        assertTrue(model.closed);
    }

    private static TextClassifier classifier() {
        return new TextClassifier(new BasicEnglishTokenizer(), VOCABULARY, LABELS,
                new ReferenceBackend().inference(PARAMETERS));
    }

    private static void assertLabels(Prediction prediction, int... indices) {
        assertEquals(indices.length, prediction.labels().size());
        for (int i = 0; i < indices.length; i++) {
            assertEquals(indices[i], prediction.labels().get(i).index(), "rank " + i);
        }
    }

    private static final class ClosingModel implements Model {
        private final Model delegate;
        private boolean closed;

        ClosingModel(Model delegate) {
            this.delegate = delegate;
        }

        @Override
        public ModelDims dims() {
            return delegate.dims();
        }

        @Override
        public float[] logits(TokenBatch batch) {
            return delegate.logits(batch);
        }

        @Override
        public StateDict stateDict() {
            return delegate.stateDict();
        }

        @Override
        public void close() {
            closed = true;
            delegate.close();
        }
    }
}
