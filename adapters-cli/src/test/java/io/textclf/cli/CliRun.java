package io.textclf.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One {@code textclf} invocation in-process, with its exit code and outputs.
 *
 * @param exitCode the process exit code it would have had
 * @param out      standard output
 * @param err      standard error
 */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        return withStdin("", args);
    }

    static CliRun withStdin(String stdin, String... args) {
        return with(Map.of(), stdin, args);
    }

    /** One invocation with {@code environment} as the process environment. */
    static CliRun with(Map<String, String> environment, String stdin, String... args) {
        return withStdinBytes(environment, stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    /** One invocation reading {@code stdin} as it is, UTF-8 or not. */
    static synchronized CliRun withStdinBytes(Map<String, String> environment, byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin));
        try {
            int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), environment);
            return new CliRun(code, out.toString(), err.toString());
        } finally {
            System.setIn(original);
        }
    }
}
