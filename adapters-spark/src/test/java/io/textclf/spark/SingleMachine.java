package io.textclf.spark;

import io.textclf.application.dataset.AgNewsCsvReader;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.dataset.DatasetLoader;
import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.data.Example;
import io.textclf.domain.text.BasicEnglishTokenizer;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.text.VocabularyBuilder;
import java.nio.file.Path;
import java.util.List;

/** What {@code textclf train} computes on one machine, by the application's own reader, for comparison. */
record SingleMachine(List<String> labels, List<Example> examples, Vocabulary vocabulary) {

    static SingleMachine read(Path folder, String trainFile, int minFreq, int maxTokens) {
        List<String> labels = DatasetLoader.readClasses(folder.resolve("classes.txt"));
        List<Example> examples = new AgNewsCsvReader().read(folder.resolve(trainFile), labels.size(), BadRowPolicy.FAIL)
                .examples();
        BasicEnglishTokenizer tokenizer = new BasicEnglishTokenizer();
        Vocabulary vocabulary = new VocabularyBuilder(List.of(Vocabulary.UNKNOWN), minFreq, maxTokens)
                .addAll(examples.stream().map(e -> tokenizer.tokenize(e.text())).toList()).build();
        return new SingleMachine(labels, examples, vocabulary);
    }

    EncodedCorpus encoded() {
        return EncodedCorpus.encode(examples, new BasicEnglishTokenizer(), vocabulary);
    }
}
