package io.textclf.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code textclf report}: HTML pages about models ({@code train --report} and {@code evaluate --report} write one model's). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write HTML reports: 'report compare' overlays the curves and metrics of several runs.",
        subcommands = {ReportCompareCommand.class})
final class ReportCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "a report is needed: " + String.join(", ", spec.subcommands().keySet()));
    }
}
