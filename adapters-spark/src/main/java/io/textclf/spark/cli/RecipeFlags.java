package io.textclf.spark.cli;

import io.textclf.domain.train.TrainingOption;
import io.textclf.domain.train.TrainingOptions;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Adds to {@code train} a flag for every training option of {@link TrainingOptions#ALL} that Spark offers, with the
 * option's type and help (some reworded for Spark); none has a picocli default, so a flag holds a value only when
 * given and {@link TrainingOptions#resolve} supplies the defaults, as for {@code textclf train}.
 */
final class RecipeFlags implements IModelTransformer {

    /**
     * The options not offered on Spark (early stopping, word n-grams, training threads), and the corpus options that
     * {@link CorpusOptions} declares for {@code prepare} too.
     */
    static final Set<String> NOT_ADDED = Set.of("patience", "min-delta", "ngrams", "buckets", "threads", "min-freq",
            "max-tokens");

    private static final Map<String, String> SPARK_HELP = Map.of(
            "lr", "Learning rate (default: 5 for sgd as in the tutorial, 0.01 for adagrad, 0.001 for adam).",
            "batch-size", "Documents per step of each replica (default: 64).",
            "monitor", "Validation metric plateau watches: accuracy, loss or macro-f1 (default: accuracy).",
            "valid-fraction", "Share of the training files held out to validate (default: 0.05).");

    @Override
    public CommandSpec transform(CommandSpec command) {
        for (TrainingOption option : TrainingOptions.ALL) {
            if (NOT_ADDED.contains(option.name())) {
                continue;
            }
            OptionSpec.Builder flag = OptionSpec.builder("--" + option.name())
                    .type(option.type().javaType())
                    .description(SPARK_HELP.getOrDefault(option.name(), option.help()))
                    .paramLabel(option.name().toUpperCase(Locale.ROOT).replace('-', '_'));
            if (option.type() == TrainingOption.Type.BOOLEAN) {
                flag.arity("0");
            }
            command.addOption(flag.build());
        }
        return command;
    }
}
