package io.textclf.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of the {@code textclf} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        try {
            System.exit(run(args, new PrintWriter(System.out, true), err, System.getenv()));
        } catch (OutOfMemoryError e) {
            err.println("textclf: error: out of memory; give the JVM more with TEXTCLF_JAVA_OPTS=\"-Xmx8g\" "
                    + "(or lower --max-tokens, --embed-dim or, with word n-grams, --buckets)");
            System.exit(UserErrorHandler.FAILURE);
        }
    }

    /**
     * Runs one command line.
     *
     * @return the exit code: 0 success, 1 a failure with a one-line reason on {@code err}, 2 a usage error
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine commandLine = new TextclfCommand(new CommandContext(environment)).commandLine(args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(new UserErrorHandler());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        return commandLine.execute(args);
    }
}
