package io.textclf.spark.cli;

import io.textclf.domain.train.InvalidSettingException;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Flag values checked before any Spark work: one that is out of range is a usage error (exit 2). */
final class UsageErrors {

    private UsageErrors() {
    }

    /**
     * What {@code options} builds from the flags; a value it refuses becomes a usage error, and a setting the
     * domain refuses is named as the flag ({@code --batch-size}).
     */
    static <T> T checked(CommandSpec spec, Supplier<T> options) {
        try {
            return options.get();
        } catch (InvalidSettingException e) {
            throw new ParameterException(spec.commandLine(), "--" + e.setting() + " " + e.problem(), e);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
