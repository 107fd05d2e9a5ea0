package io.textclf.spark.cli;

import io.textclf.spark.train.SparkTrainJob;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code textclf-spark}: textclf on Apache Spark. Exit codes as {@code textclf}'s: 0 success,
 * 1 failure (the cause's message; the stack trace too when {@code TEXTCLF_SPARK_DEBUG} is set), 2 usage error.
 */
@Command(name = "textclf-spark", mixinStandardHelpOptions = true, versionProvider = SparkMain.Version.class,
        description = "Prepare corpora, train and predict with textclf on Apache Spark.",
        subcommands = {PrepareCommand.class, TrainCommand.class, PredictCommand.class})
public final class SparkMain {

    /** Where log4j 2 looks for a configuration file named by a system property. */
    static final String LOG_CONFIGURATION_PROPERTY = "log4j2.configurationFile";
    /** The command's own logging: Spark's warnings and errors on stderr, none on stdout. */
    static final String LOG_CONFIGURATION = "io/textclf/spark/cli/log4j2-cli.properties";

    public static void main(String[] args) {
        logToStderrUnlessConfigured();
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Without a configuration log4j 2 writes to stdout, where the command's results go. A configuration log4j would
     * find otherwise is left as it is: one named by a property ({@code log4j2.configurationFile}, the older
     * {@code log4j.configurationFile}) or an environment variable ({@code LOG4J_CONFIGURATION_FILE}), a
     * {@code log4j2.component.properties}, or a {@code log4j2[-test].*} file on the class path (a cluster's
     * {@code log4j2.properties}).
     */
    static void logToStderrUnlessConfigured() {
        if (logConfigured(SparkMain.class.getClassLoader(), System::getProperty, System::getenv)) {
            return;
        }
        System.setProperty(LOG_CONFIGURATION_PROPERTY, "classpath:" + LOG_CONFIGURATION);
    }

    /** Whether log4j 2 would find a configuration of its own through these properties, variables and resources. */
    static boolean logConfigured(ClassLoader loader, UnaryOperator<String> properties, UnaryOperator<String> variables) {
        boolean named = Stream.of(LOG_CONFIGURATION_PROPERTY, "log4j.configurationFile")
                .anyMatch(name -> properties.apply(name) != null)
                || Stream.of("LOG4J_CONFIGURATION_FILE", "LOG4J2_CONFIGURATION_FILE")
                        .anyMatch(name -> variables.apply(name) != null);
        return named || loader.getResource("log4j2.component.properties") != null
                || Stream.of("log4j2-test", "log4j2").flatMap(prefix -> Stream.of("properties", "yaml", "yml", "json",
                        "jsn", "xml").map(extension -> prefix + "." + extension))
                        .anyMatch(name -> loader.getResource(name) != null);
    }

    /** Runs the command line; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new SparkMain());
        line.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(new Version()));
        line.setOut(out);
        line.setErr(err);
        // a usage error is what is wrong and where help is, not the whole usage, which --help prints
        line.setParameterExceptionHandler((e, arguments) -> {
            CommandLine command = e.getCommandLine();
            command.getErr().println("textclf-spark: error: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, command.getErr());
            command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more "
                    + "information.");
            command.getErr().flush();
            return 2;
        });
        line.setExecutionExceptionHandler((failure, commandLine, parsed) -> {
            commandLine.getErr().println("textclf-spark: " + message(failure));
            if (System.getenv("TEXTCLF_SPARK_DEBUG") != null) {
                failure.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return 1;
        });
        return line.execute(args);
    }

    /** textclf's version and the Spark it runs on, for {@code -V} on every command. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"textclf-spark " + SparkTrainJob.version() + " (Apache Spark "
                    + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ")"};
        }
    }

    /**
     * The message that says what went wrong: Spark wraps an executor's failure in job and task exceptions, so those
     * wrappers (and ones without a message) are looked through to their cause; textclf's own exceptions, and the
     * first other one, say it themselves (a model file's "cannot write ..." names its file, its cause only a path).
     */
    static String message(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause && isWrapper(cause)) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    private static boolean isWrapper(Throwable e) {
        String type = e.getClass().getName();
        return e.getMessage() == null || type.startsWith("org.apache.spark.") || type.startsWith("scala.")
                || e instanceof ExecutionException || e instanceof CompletionException
                || e instanceof InvocationTargetException;
    }
}
