package io.textclf.cli;

import io.textclf.application.TextclfVersion;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The top-level {@code textclf} command. */
@Command(name = "textclf", mixinStandardHelpOptions = true, versionProvider = TextclfCommand.Version.class,
        description = "Train, evaluate and serve document-categorization models (the torchtext tutorial's "
                + "EmbeddingBag + Linear classifier) on pluggable compute backends.")
final class TextclfCommand implements Runnable {

    /** The subcommands, in the order help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(TrainCommand.class, EvaluateCommand.class,
            PredictCommand.class, InfoCommand.class, TokenizeCommand.class, ServeCommand.class, BenchCommand.class,
            ReportCommand.class, PluginsCommand.class, ExportCommand.class, ImportCommand.class);

    private final CommandContext context;

    TextclfCommand(CommandContext context) {
        this.context = context;
    }

    /**
     * The command line for {@code args}: when the first argument names a subcommand, only that one is
     * built (picocli's model of the others takes a tenth of a second of start-up); otherwise, for help,
     * versions and unknown commands, all of them.
     */
    CommandLine commandLine(String[] args) {
        CommandLine commandLine = new CommandLine(this);
        String first = args.length > 0 ? args[0] : "";
        List<Class<?>> named = SUBCOMMANDS.stream()
                .filter(command -> command.getAnnotation(Command.class).name().equals(first)).toList();
        (named.isEmpty() ? SUBCOMMANDS : named).forEach(command -> commandLine.addSubcommand(new CommandLine(command)));
        answerVersion(commandLine, new Version());
        commandLine.registerConverter(Path.class, TextclfCommand::path);
        return commandLine;
    }

    /**
     * A path option's value; an empty one is refused (a file or folder named "" would be the working folder), and so
     * is {@code -}, which elsewhere means standard input or output: no path option reads or writes those.
     */
    private static Path path(String text) {
        return Path.of(pathText(text));
    }

    /** A path option's text, refused as {@link #path} refuses it: for options that also take names. */
    static String pathText(String text) {
        if (text.isEmpty()) {
            throw new CommandLine.TypeConversionException("an empty path: name a file or folder");
        }
        if (text.equals("-")) {
            throw new CommandLine.TypeConversionException("'-' (standard input or output) is not read or written "
                    + "here: name a file or folder (./- for a file of that name)");
        }
        return text;
    }

    /** Gives every command of the tree the version: {@code textclf train -V} prints what {@code textclf -V} does. */
    private static void answerVersion(CommandLine command, IVersionProvider version) {
        command.getCommandSpec().versionProvider(version);
        command.getSubcommands().values().forEach(sub -> answerVersion(sub, version));
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
