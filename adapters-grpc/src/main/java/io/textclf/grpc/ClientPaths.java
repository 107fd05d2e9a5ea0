package io.textclf.grpc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Paths as clients may see them: relative to the server's folders where they lie inside one,
 * otherwise only their last name. Clients learn nothing of the server's disk.
 */
final class ClientPaths {

    /**
     * An absolute Unix path, or a Windows one with a drive letter, up to the next space or separator; not the
     * path of a web address ({@code https://host/path}), which names no file of the server, nor the second half
     * of a placeholder such as {@code <name>/<version>}.
     */
    private static final Pattern ABSOLUTE = Pattern.compile(
            "(?<![\\w.~/>-])(?<!https?:|ftp:)(/[^\\s,;()\"']*|[A-Za-z]:\\\\[^\\s,;()\"']*)");

    private final ErrorStatuses errors;

    ClientPaths(ErrorStatuses errors) {
        this.errors = errors;
    }

    /** {@code text} with every absolute path in it shown as a client may see it. */
    String redact(String text) {
        Matcher matcher = ABSOLUTE.matcher(errors.scrub(text));
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(lastName(matcher.group(1))));
        }
        return matcher.appendTail(result).toString();
    }

    private static String lastName(String path) {
        String[] names = path.split("[/\\\\]+");
        for (int i = names.length - 1; i >= 0; i--) {
            if (!names[i].isEmpty() && !names[i].endsWith(":")) {
                return names[i];
            }
        }
        return ".";
    }
}
