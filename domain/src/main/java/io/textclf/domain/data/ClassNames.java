package io.textclf.domain.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code classes.txt}: class N named on line N, surrounding whitespace ignored, blank lines allowed at the end
 * only, no name twice, at least two classes. Every reader of such a file (one machine, Spark) applies these rules.
 */
public final class ClassNames {

    private ClassNames() {
    }

    /** What is wrong with a {@code classes.txt}: where (a line from 1, or 0 for the file as a whole) and what. */
    public static final class MalformedException extends IllegalArgumentException {

        private final int line;

        MalformedException(int line, String problem) {
            super(problem);
            this.line = line;
        }

        /** The line from 1, or 0 when the problem is the file's as a whole. */
        public int line() {
            return line;
        }
    }

    /**
     * The class names {@code lines} hold, in order.
     *
     * @throws MalformedException naming the line of an empty or repeated name, or saying that there are fewer
     *                            than two names
     */
    public static List<String> parse(List<String> lines) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String name = lines.get(i).strip();
            if (name.isEmpty()) {
                if (lines.subList(i, lines.size()).stream().allMatch(String::isBlank)) {
                    break;
                }
                throw new MalformedException(i + 1, "empty class name");
            }
            if (names.contains(name)) {
                throw new MalformedException(i + 1, "class name '" + name + "' appears twice");
            }
            names.add(name);
        }
        if (names.size() < 2) {
            throw new MalformedException(0, "needs at least 2 class names, one per line, found " + names.size());
        }
        return List.copyOf(names);
    }
}
