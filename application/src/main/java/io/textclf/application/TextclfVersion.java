package io.textclf.application;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of textclf this code was built as. */
public final class TextclfVersion {

    private static final String VERSION = load();

    private TextclfVersion() {
    }

    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = TextclfVersion.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
