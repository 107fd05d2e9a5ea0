package io.textclf.cli;

import io.textclf.application.TextclfVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The top-level {@code textclf} command. */
@Command(name = "textclf", mixinStandardHelpOptions = true, versionProvider = TextclfCommand.Version.class,
        description = "Train, evaluate and serve document-categorization models (the torchtext tutorial's "
                + "EmbeddingBag + Linear classifier) on pluggable compute backends.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, InfoCommand.class,
                TokenizeCommand.class, ServeCommand.class, BenchCommand.class, ReportCommand.class,
                PluginsCommand.class, ExportCommand.class, ImportCommand.class})
final class TextclfCommand implements Runnable {

    private final CommandContext context;

    TextclfCommand(CommandContext context) {
        this.context = context;
    }

    CommandContext context() {
        return context;
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "a command is needed: train, evaluate, predict, info, tokenize, serve, bench, report, plugins, "
                        + "export or import (see textclf --help)");
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"textclf " + TextclfVersion.current() + " (commit " + TextclfVersion.commit() + ")"};
        }
    }
}
