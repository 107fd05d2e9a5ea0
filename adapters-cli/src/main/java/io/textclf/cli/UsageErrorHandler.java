package io.textclf.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error (a missing or malformed option, a value out of range) is two lines on stderr, what
 * is wrong and where help is, and exit code 2; not the whole usage, which {@code --help} prints.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

    static final int USAGE = 2;

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println("textclf: error: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, command.getErr());
        command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        command.getErr().flush();
        return USAGE;
    }
}
