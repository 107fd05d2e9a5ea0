package io.textclf.spark.cli;

import io.textclf.domain.model.RunSetting;
import io.textclf.domain.train.TrainingOptions;
import io.textclf.domain.train.TrainingSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The dataset and hyperparameter flags of {@code textclf train}, with the same names and defaults
 * (the tutorial's recipe), resolved to {@link TrainingSettings} by the domain's {@link TrainingOptions} as
 * {@code textclf train} resolves them; the corpus flags are {@link CorpusOptions}, the others {@link RecipeFlags}.
 */
final class RecipeOptions {

    @Mixin
    CorpusOptions corpus;

    /**
     * The settings the flags resolve to.
     *
     * @throws IllegalArgumentException naming the flag, as {@code textclf train} does, for a value out of range or
     *                                  a flag of another optimizer or schedule than the chosen one
     */
    static TrainingSettings settings(CommandSpec spec) {
        ParseResult parsed = spec.commandLine().getParseResult();
        Map<String, Object> given = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            String name = option.longestName().replaceFirst("^--", "");
            if (TrainingOptions.NAMES.contains(name) && parsed.hasMatchedOption(option)) {
                given.put(name, option.getValue());
            }
        }
        return TrainingOptions.resolve(given, TrainingOptions.Spelling.CLI).settings();
    }

    /** The options given on the command line, for the model file's record of the run. */
    static List<RunSetting> given(CommandSpec spec) {
        ParseResult parsed = spec.commandLine().getParseResult();
        List<RunSetting> settings = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (parsed.hasMatchedOption(option) && !option.usageHelp() && !option.versionHelp()) {
                settings.add(new RunSetting(option.longestName().replaceFirst("^--?", ""),
                        Objects.toString(option.getValue()), "command line"));
            }
        }
        return settings;
    }
}
