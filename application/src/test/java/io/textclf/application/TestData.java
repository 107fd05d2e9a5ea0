package io.textclf.application;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the real datasets are: system property {@code textclf.data} (set by the build), else {@code ../shared/data}. */
public final class TestData {

    private TestData() {
    }

    public static Path root() {
        String configured = System.getProperty("textclf.data", System.getenv("TEXTCLF_DATA"));
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data");
        if (!Files.isDirectory(root.resolve("ag_news_mini"))) {
            throw new IllegalStateException("the real datasets are not at " + root.toAbsolutePath()
                    + ": set -Dtextclf.data=/path/to/shared/data");
        }
        return root;
    }

    public static Path agNewsMini() {
        return root().resolve("ag_news_mini");
    }

    public static Path agNews() {
        return root().resolve("ag_news");
    }

    public static Path debian() {
        return root().resolve("debian_descriptions");
    }
}
