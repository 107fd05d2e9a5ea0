package io.textclf.cli;

import io.textclf.domain.train.TrainingOption;
import io.textclf.domain.train.TrainingOptions;
import java.util.Locale;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Adds a flag for every training option of {@link TrainingOptions#ALL} ({@code --lr}, {@code --batch-size},
 * ...) to a command, with the option's type and help; none has a picocli default, so a flag holds a
 * value only when given and {@link TrainingOptions#resolve} supplies the defaults.
 */
final class TrainingFlags implements IModelTransformer {

    @Override
    public CommandSpec transform(CommandSpec command) {
        for (TrainingOption option : TrainingOptions.ALL) {
            OptionSpec.Builder flag = OptionSpec.builder("--" + option.name())
                    .type(option.type().javaType())
                    .description(option.help())
                    .paramLabel(option.name().toUpperCase(Locale.ROOT).replace('-', '_'));
            if (option.type() == TrainingOption.Type.BOOLEAN) {
                flag.arity("0");
            }
            command.addOption(flag.build());
        }
        return command;
    }
}
