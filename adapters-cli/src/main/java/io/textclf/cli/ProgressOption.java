package io.textclf.cli;

import picocli.CommandLine.Option;

/** {@code --progress}, shared by the commands that read data or train. */
final class ProgressOption {

    @Option(names = "--progress", description = "Progress display: auto (a live line with rate, elapsed time and "
            + "ETA on a terminal, plain lines otherwise), bar, lines or none (default: ${DEFAULT-VALUE}).",
            defaultValue = "auto")
    ProgressMode mode;
}
