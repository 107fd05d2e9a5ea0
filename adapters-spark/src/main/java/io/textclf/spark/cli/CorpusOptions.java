package io.textclf.spark.cli;

import io.textclf.domain.train.TrainingSettings;
import picocli.CommandLine.Option;

/**
 * The corpus flags of {@code textclf train}, which {@code prepare} and {@code train} share: where the data is,
 * where the vocabulary is cut, and what to do with malformed rows.
 */
final class CorpusOptions {

    private static final TrainingSettings TUTORIAL = TrainingSettings.tutorial();

    @Option(names = {"-d", "--data"}, required = true, description = "Dataset folder, any Hadoop path: "
            + "classes.txt with train*.csv[.gz] (and test*.csv[.gz]), or fastText train*.txt[.gz] (and test*.txt[.gz]), "
            + "directly or in train/ and test/ sub-folders.")
    String data;

    @Option(names = "--min-freq", description = "Leave out tokens seen fewer times (default: 1).")
    int minFreq = TUTORIAL.minFreq();

    @Option(names = "--max-tokens", description = "Largest vocabulary size including <unk>, 0 for no limit (default: 0).")
    int maxTokens = TUTORIAL.maxTokens();

    @Option(names = "--skip-bad-rows", description = "Skip malformed data rows (and report how many) instead of failing.")
    boolean skipBadRows;

    /** The tutorial's settings with this vocabulary cut, checked as every run's settings are. */
    TrainingSettings vocabularySettings() {
        return TUTORIAL.withVocabulary(minFreq, maxTokens);
    }
}
