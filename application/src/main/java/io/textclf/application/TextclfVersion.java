package io.textclf.application;

import io.textclf.domain.model.Provenance;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of textclf this code was built as, and the git commit it was built from (written
 * into a resource at build time; {@code unknown} for a build outside a git checkout).
 */
public final class TextclfVersion {

    private static final Properties BUILD = load();

    private TextclfVersion() {
    }

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}: the domain's ({@link Provenance#currentVersion()}). */
    public static String current() {
        return Provenance.currentVersion();
    }

    /** The abbreviated commit id, with {@code -dirty} when the work tree had uncommitted changes. */
    public static String commit() {
        return value("commit");
    }

    private static String value(String key) {
        String value = BUILD.getProperty(key, "").strip();
        return value.isEmpty() || value.startsWith("${") ? "unknown" : value;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = TextclfVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            properties.clear();
        }
        return properties;
    }
}
