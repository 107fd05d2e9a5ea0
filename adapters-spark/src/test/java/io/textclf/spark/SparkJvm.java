package io.textclf.spark;

import java.util.Arrays;
import java.util.List;

/** The JVM options Spark needs on Java 17, as the build passes them to the tests (property {@code spark.jvm.options}). */
public final class SparkJvm {

    private SparkJvm() {
    }

    public static List<String> options() {
        String options = System.getProperty("spark.jvm.options", "");
        return options.isBlank() ? List.of() : Arrays.asList(options.trim().split("\\s+"));
    }
}
