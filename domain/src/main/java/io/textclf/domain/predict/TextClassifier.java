package io.textclf.domain.predict;

import io.textclf.domain.data.CorpusEncoder;
import io.textclf.domain.model.LogitOrder;
import io.textclf.domain.model.Model;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.text.Tokenizer;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.text.WordNgrams;
import java.util.ArrayList;
import java.util.List;

/**
 * The tutorial's {@code predict(text, text_pipeline)}: raw text to class probabilities.
 *
 * <p>Thread-safe when the model's {@link Model#logits} is (every backend's is). Closing it closes the model.
 */
public final class TextClassifier implements AutoCloseable {

    private final CorpusEncoder encoder;
    private final Vocabulary vocabulary;
    private final List<String> labels;
    private final Model model;

    /** A classifier of words only. */
    public TextClassifier(Tokenizer tokenizer, Vocabulary vocabulary, List<String> labels, Model model) {
        this(tokenizer, WordNgrams.NONE, vocabulary, labels, model);
    }

    /** A classifier whose documents also hold the word n-grams {@code ngrams}, as the model was trained. */
    public TextClassifier(Tokenizer tokenizer, WordNgrams ngrams, Vocabulary vocabulary, List<String> labels,
                          Model model) {
        if (labels.size() != model.dims().numClasses()) {
            throw new IllegalArgumentException(labels.size() + " label names for a model of "
                    + model.dims().numClasses() + " classes");
        }
        if (vocabulary.size() + ngrams.extraRows() != model.dims().vocabSize()) {
            throw new IllegalArgumentException("vocabulary of " + vocabulary.size() + " tokens"
                    + (ngrams.enabled() ? " and " + ngrams.buckets() + " n-gram buckets" : "") + " for a model of "
                    + model.dims().vocabSize());
        }
        this.encoder = new CorpusEncoder(tokenizer, ngrams);
        this.vocabulary = vocabulary;
        this.labels = List.copyOf(labels);
        this.model = model;
    }

    public List<String> labels() {
        return labels;
    }

    public Prediction predict(String text, int topK) {
        return predict(List.of(text), topK).get(0);
    }

    /**
     * Classifies texts in one batch.
     *
     * @param topK how many classes to return per text, from 1; more than the classes returns them all
     */
    public List<Prediction> predict(List<String> texts, int topK) {
        if (topK < 1) {
            throw new IllegalArgumentException("top-k must be at least 1, was " + topK);
        }
        int[][] documents = new int[texts.size()][];
        for (int i = 0; i < documents.length; i++) {
            documents[i] = encoder.encode(texts.get(i), vocabulary);
        }
        float[] logits = model.logits(TokenBatch.of(documents));
        int classes = labels.size();
        List<Prediction> predictions = new ArrayList<>(texts.size());
        for (int r = 0; r < texts.size(); r++) {
            int[] document = documents[r];
            int words = 0;
            int known = 0;
            for (int id : document) {
                if (id < vocabulary.size()) {
                    words++;
                    if (id != vocabulary.defaultIndex()) {
                        known++;
                    }
                }
            }
            predictions.add(new Prediction(topOf(logits, r, softmax(logits, r, classes), Math.min(topK, classes)),
                    words, known));
        }
        return predictions;
    }

    /** The {@code k} classes of row {@code row} that rank first by logit ({@link LogitOrder}, as evaluation ranks). */
    private List<ScoredLabel> topOf(float[] logits, int row, double[] probabilities, int k) {
        int base = row * probabilities.length;
        List<ScoredLabel> all = new ArrayList<>(probabilities.length);
        for (int c = 0; c < probabilities.length; c++) {
            all.add(new ScoredLabel(c, labels.get(c), probabilities[c]));
        }
        all.sort((a, b) -> LogitOrder.ranksBefore(logits[base + a.index()], a.index(), logits[base + b.index()],
                b.index()) ? -1 : a.index() == b.index() ? 0 : 1);
        return all.subList(0, k);
    }

    static double[] softmax(float[] logits, int row, int classes) {
        int base = row * classes;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, logits[base + c]);
        }
        double[] result = new double[classes];
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            result[c] = Math.exp(logits[base + c] - max);
            sum += result[c];
        }
        for (int c = 0; c < classes; c++) {
            result[c] /= sum;
        }
        return result;
    }

    @Override
    public void close() {
        model.close();
    }
}
