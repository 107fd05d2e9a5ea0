package io.textclf.cli;

import picocli.CommandLine.Option;

/** {@code --json}, shared by every command that prints results. */
final class JsonOption {

    @Option(names = "--json", description = "Print results as JSON (progress goes to stderr).")
    boolean json;
}
