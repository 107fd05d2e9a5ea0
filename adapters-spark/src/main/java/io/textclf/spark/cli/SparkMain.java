package io.textclf.spark.cli;

import java.io.PrintWriter;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code textclf-spark}: textclf on Apache Spark. Exit codes as {@code textclf}'s: 0 success,
 * 1 failure (the cause's message; the stack trace too when {@code TEXTCLF_SPARK_DEBUG} is set), 2 usage error.
 */
@Command(name = "textclf-spark", mixinStandardHelpOptions = true,
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
     * Without a configuration log4j 2 writes to stdout, where the command's results go. A configuration named by
     * the property or found on the class path (a cluster's {@code log4j2.properties}) is left as it is.
     */
    static void logToStderrUnlessConfigured() {
        ClassLoader loader = SparkMain.class.getClassLoader();
        boolean configured = System.getProperty(LOG_CONFIGURATION_PROPERTY) != null
                || Stream.of("log4j2-test.properties", "log4j2.properties", "log4j2.xml", "log4j2.yaml", "log4j2.json")
                        .anyMatch(name -> loader.getResource(name) != null);
        if (!configured) {
            System.setProperty(LOG_CONFIGURATION_PROPERTY, "classpath:" + LOG_CONFIGURATION);
        }
    }

    /** Runs the command line; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new SparkMain());
        line.setOut(out);
        line.setErr(err);
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

    /** The innermost message: Spark wraps an executor's failure in job and task exceptions. */
    static String message(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
