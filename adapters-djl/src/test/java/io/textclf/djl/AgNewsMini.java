package io.textclf.djl;

import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.dataset.Dataset;
import io.textclf.application.dataset.DatasetDownloader;
import io.textclf.application.dataset.DatasetLoader;
import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.data.Example;
import io.textclf.domain.text.BasicEnglishTokenizer;
import io.textclf.domain.text.Tokenizer;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.text.VocabularyBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The shared data set {@code ag_news_mini} (system property {@code textclf.data}, set by the build),
 * encoded as the tutorial does: basic_english tokens, a vocabulary of the training file with {@code <unk>}.
 */
final class AgNewsMini {

    private static AgNewsMini loaded;

    final Path folder;
    final Dataset dataset;
    final Vocabulary vocabulary;
    final EncodedCorpus train;
    final EncodedCorpus test;

    private AgNewsMini(Path folder) {
        this.folder = folder;
        this.dataset = new DatasetLoader(new DatasetDownloader(folder.resolve("unused-download-cache")), List.of())
                .load(folder.toString(), BadRowPolicy.FAIL);
        Tokenizer tokenizer = new BasicEnglishTokenizer();
        List<Example> examples = dataset.train().examples();
        List<List<String>> tokens = examples.stream().map(e -> tokenizer.tokenize(e.text())).toList();
        this.vocabulary = VocabularyBuilder.tutorial().addAll(tokens).build();
        this.train = EncodedCorpus.encodeTokens(tokens, examples.stream().mapToInt(Example::label).toArray(), vocabulary);
        this.test = EncodedCorpus.encode(dataset.test().orElseThrow().examples(), tokenizer, vocabulary);
    }

    static synchronized AgNewsMini get() {
        if (loaded == null) {
            loaded = new AgNewsMini(folder());
        }
        return loaded;
    }

    static Path folder() {
        Path folder = Path.of(System.getProperty("textclf.data", "/work/shared/data"), "ag_news_mini");
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("test data " + folder + " is missing: set -Dtextclf.data to the folder "
                    + "holding ag_news_mini");
        }
        return folder;
    }
}
