package io.textclf.backendkit;

import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.data.RandomSplit;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.text.BasicEnglishTokenizer;
import io.textclf.domain.text.Tokenizer;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.text.VocabularyBuilder;
import io.textclf.domain.train.Lockstep;
import io.textclf.domain.train.TrainingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * The shared data set {@code ag_news_mini} encoded as the tutorial does (basic_english tokens, the
 * training file's vocabulary), the tutorial's initial weights for its seed, and shuffled batches of 64:
 * the real inputs of a default training run. Loaded once per JVM.
 */
public final class AgNewsMini {

    /** The tutorial's batch size. */
    public static final int BATCH_SIZE = 64;

    private static AgNewsMini loaded;

    private final Vocabulary vocabulary;
    private final EncodedCorpus train;
    private final EncodedCorpus test;
    private final int classes;
    private final StateDict initial;
    private final Lockstep.Batches batches;

    private AgNewsMini(Path folder) {
        Tokenizer tokenizer = new BasicEnglishTokenizer();
        classes = lines(folder.resolve("classes.txt")).size();
        Rows trainRows = Rows.read(folder.resolve("train.csv"), tokenizer);
        vocabulary = VocabularyBuilder.tutorial().addAll(trainRows.tokens()).build();
        train = EncodedCorpus.encodeTokens(trainRows.tokens(), trainRows.labels(), vocabulary);
        Rows testRows = Rows.read(folder.resolve("test.csv"), tokenizer);
        test = EncodedCorpus.encodeTokens(testRows.tokens(), testRows.labels(), vocabulary);
        TrainingSettings settings = TrainingSettings.tutorial();
        initial = new UniformInitializer(settings.initRange(), settings.seed())
                .initialize(new ModelDims(vocabulary.size(), settings.embeddingDim(), classes));
        batches = Lockstep.Batches.inOrder(train,
                RandomSplit.permutation(train.size(), new MersenneTwister(settings.seed())), BATCH_SIZE);
    }

    /** The data set, read from {@code textclf.data} (system property), {@code TEXTCLF_DATA} or {@code ../shared/data}. */
    public static synchronized AgNewsMini get() {
        if (loaded == null) {
            loaded = new AgNewsMini(folder());
        }
        return loaded;
    }

    /** The folder holding {@code train.csv}, {@code test.csv} and {@code classes.txt}. */
    public static Path folder() {
        String configured = System.getProperty("textclf.data", System.getenv("TEXTCLF_DATA"));
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data");
        Path folder = root.resolve("ag_news_mini");
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("the real datasets are not at " + root.toAbsolutePath()
                    + ": set -Dtextclf.data=/path/to/shared/data");
        }
        return folder;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public EncodedCorpus train() {
        return train;
    }

    public EncodedCorpus test() {
        return test;
    }

    public int classes() {
        return classes;
    }

    /** The tutorial's initial parameters: uniform in [-0.5, 0.5), seed 1, embedding dimension 64. */
    public StateDict initial() {
        return initial;
    }

    /** Number of whole and partial batches in one pass over the training file. */
    public int batches() {
        return (train.size() + BATCH_SIZE - 1) / BATCH_SIZE;
    }

    /** The shuffled batches, {@code batch(b)} taken modulo {@link #batches()}. */
    public Lockstep.Batches shuffled() {
        return batches;
    }

    /** Batch {@code b} of a shuffled pass, {@code b} taken modulo {@link #batches()}. */
    public TokenBatch batch(int b) {
        return batches.batch(b);
    }

    /** The labels of {@link #batch(int) batch b}. */
    public int[] labels(int b) {
        return batches.labels(b);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Tokens and labels (from 0) of an AG News CSV file: {@code "class","title","description"} per line. */
    private record Rows(List<List<String>> tokens, int[] labels) {

        static Rows read(Path file, Tokenizer tokenizer) {
            List<String> lines = lines(file);
            List<List<String>> tokens = new ArrayList<>(lines.size());
            int[] labels = new int[lines.size()];
            for (int i = 0; i < lines.size(); i++) {
                List<String> fields = quotedFields(lines.get(i));
                if (fields.size() != 3) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected 3 quoted fields, got "
                            + fields.size());
                }
                labels[i] = Integer.parseInt(fields.get(0)) - 1;
                tokens.add(tokenizer.tokenize(fields.get(1) + " " + fields.get(2)));
            }
            return new Rows(tokens, labels);
        }

        /** The fields of one line whose fields are all quoted, {@code ""} standing for a quote. */
        private static List<String> quotedFields(String line) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean inside = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (inside && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    inside = !inside;
                } else if (c == ',' && !inside) {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            return fields;
        }
    }
}
