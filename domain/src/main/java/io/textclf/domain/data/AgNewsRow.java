package io.textclf.domain.data;

/**
 * AG News' CSV row: {@code "class index","title","description"}, the class index counting from 1 and naming line N
 * of {@code classes.txt}. Every reader of such rows (one machine, Spark) checks the class index by these rules.
 */
public final class AgNewsRow {

    /** Fields of a row. */
    public static final int FIELDS = 3;

    private AgNewsRow() {
    }

    /**
     * What is wrong with a row's class index, or null when it is one of the classes.
     *
     * @param index      the first field, as read
     * @param numClasses how many classes {@code classes.txt} names
     */
    public static String indexProblem(String index, int numClasses) {
        String trimmed = index.trim();
        int label;
        try {
            label = Integer.parseInt(trimmed);
        } catch (NumberFormatException e) {
            return "class index '" + abbreviate(trimmed) + "' is not a whole number";
        }
        if (label < 1 || label > numClasses) {
            return "class index " + label + " is outside 1.." + numClasses + " (the indices of the " + numClasses
                    + " classes)";
        }
        return null;
    }

    /** The class of a row whose {@link #indexProblem} is null, from 0. */
    public static int label(String index) {
        return Integer.parseInt(index.trim()) - 1;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
