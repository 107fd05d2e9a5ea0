package io.textclf.cli;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import io.textclf.application.backend.UnknownBackendException;
import io.textclf.application.config.ConfigException;
import io.textclf.application.serve.ModelMemoryException;
import io.textclf.application.dataset.DatasetDownloadException;
import io.textclf.application.dataset.DatasetFormatException;
import io.textclf.modelformat.ModelFileException;
import io.textclf.domain.backend.BackendException;
import io.textclf.domain.plugin.PluginException;
import io.textclf.domain.text.UnknownTokenizerException;
import io.textclf.domain.train.TrainingDivergedException;
import io.textclf.modelexchange.ModelExchangeException;
import io.textclf.grpc.UnreachableTargetException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one line on stderr and exit code 1, or 2 for a setting the command cannot use (an
 * option value out of range, an unknown backend, device or tokenizer name, a settings file that is missing or holds
 * an unknown key, from a flag, the environment or a file alike); the stack trace only with {@code --verbose}.
 * Errors users cause (bad files, bad settings) and bugs alike never print a trace by default.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {

    static final int FAILURE = 1;
    static final int USAGE = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        boolean verbose = parseResult.subcommands().stream().anyMatch(r -> r.hasMatchedOption("--verbose"))
                || parseResult.hasMatchedOption("--verbose");
        if (verbose) {
            e.printStackTrace(commandLine.getErr());
        }
        Throwable error = unwrapped(e);
        commandLine.getErr().println("textclf: error: " + describe(error));
        commandLine.getErr().flush();
        return error instanceof InvalidOptionException || error instanceof UnknownBackendException
                || error instanceof ConfigException ? USAGE : FAILURE;
    }

    /** The error itself, without the wrappers of Guice's injector. */
    private static Throwable unwrapped(Throwable e) {
        return (e instanceof ProvisionException || e instanceof CreationException) && e.getCause() != null
                ? unwrapped(e.getCause()) : e;
    }

    private static String describe(Throwable e) {
        if (e instanceof DatasetFormatException || e instanceof ModelFileException || e instanceof ConfigException
                || e instanceof UnknownBackendException || e instanceof BackendException
                || e instanceof UnknownTokenizerException || e instanceof DatasetDownloadException
                || e instanceof UncheckedIOException || e instanceof IllegalArgumentException
                || e instanceof UnsupportedOperationException || e instanceof TrainingDivergedException
                || e instanceof ModelExchangeException || e instanceof UnreachableTargetException
                || e instanceof PluginException || e instanceof ModelMemoryException
                || e instanceof RunFailedException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + " (run again with --verbose for details)";
    }
}
