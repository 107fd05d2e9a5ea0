package io.textclf.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}, shared by every command: stack traces of errors. */
final class VerboseOption {

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;
}
