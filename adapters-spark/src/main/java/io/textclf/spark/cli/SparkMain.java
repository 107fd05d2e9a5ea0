package io.textclf.spark.cli;

import java.io.PrintWriter;
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

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
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
