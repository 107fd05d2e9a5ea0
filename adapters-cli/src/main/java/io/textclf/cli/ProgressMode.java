package io.textclf.cli;

/** How {@code train} shows progress. */
enum ProgressMode {
    auto, bar, lines, none
}
