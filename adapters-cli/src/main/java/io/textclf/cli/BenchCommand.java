package io.textclf.cli;

import picocli.CommandLine.Command;

/** {@code textclf bench}: the project's own measurements: speed, and the parity of two backends or devices. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure: end-to-end training runs, the training step under JMH, the parity of two backends "
                + "or devices, a running server, or a soak of a server started here.",
        subcommands = {BenchTrainCommand.class, BenchStepCommand.class, BenchParityCommand.class,
                BenchServeCommand.class, BenchSoakCommand.class})
final class BenchCommand implements Runnable {

    @picocli.CommandLine.ParentCommand
    private TextclfCommand parent;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    CommandContext context() {
        return parent.context();
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "a benchmark is needed: " + String.join(", ", spec.subcommands().keySet()));
    }
}
