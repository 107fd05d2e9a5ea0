package io.textclf.cli;

import io.textclf.application.config.SettingsText;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * An experiment file: any {@code train} flag as a key without its dashes ({@code lr: 0.5},
 * {@code optimizer: adam}, {@code checkpoint-dir: runs/a}), one value each. YAML ({@code .yaml},
 * {@code .yml}), JSON ({@code .json}, read as YAML) or Java properties ({@code .properties}).
 * Underscores in keys count as dashes.
 */
final class ExperimentFile {

    private ExperimentFile() {
    }

    /** Whether {@code file} is named like an experiment file rather than a properties config file. */
    static boolean looksLikeOne(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    /**
     * The file's settings by key, in file order, values as text.
     *
     * @throws IllegalArgumentException naming the file and the problem: unreadable, not a mapping,
     *                                  a value that is a list, a mapping or empty
     */
    static Map<String, String> read(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("experiment file " + file + " is a folder, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("experiment file " + file + (Files.exists(file)
                    ? " is not a regular file" : " does not exist"));
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!looksLikeOne(file) && !name.endsWith(".properties")) {
            throw new IllegalArgumentException("experiment file " + file + ": expected a .yaml, .yml, .json or "
                    + ".properties file (its name says how it is read)");
        }
        try (Reader reader = SettingsText.open(file)) {
            Map<String, String> settings = new LinkedHashMap<>();
            if (name.endsWith(".properties")) {
                Properties properties = properties(file, reader);
                for (String key : properties.stringPropertyNames().stream().sorted().toList()) {
                    put(settings, file, key, properties.getProperty(key).strip());
                }
                return settings;
            }
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            Object document = new Yaml(new SafeConstructor(options)).load(reader);
            if (document == null) {
                return settings;
            }
            if (!(document instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("experiment file " + file + " must hold a mapping of flag names to "
                        + "values, like 'epochs: 5'");
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object value = entry.getValue();
                if (value == null || value instanceof Map || value instanceof List) {
                    throw new IllegalArgumentException("experiment file " + file + ": '" + entry.getKey()
                            + "' needs one value, like a flag");
                }
                put(settings, file, String.valueOf(entry.getKey()), String.valueOf(value));
            }
            return settings;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            String where = mark == null ? "" : ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            throw new IllegalArgumentException("experiment file " + file + where + " is not valid YAML or JSON: "
                    + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("experiment file " + file + " is not valid YAML or JSON: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read experiment file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Properties properties(Path file, Reader reader) throws IOException {
        try {
            return SettingsText.properties(reader);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("experiment file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Puts {@code value} under {@code raw}'s flag name, refusing two spellings of one flag. */
    private static void put(Map<String, String> settings, Path file, String raw, String value) {
        String key = key(raw);
        if (settings.containsKey(key)) {
            throw new IllegalArgumentException("experiment file " + file + ": '" + raw + "' sets " + key
                    + " a second time (flag names with dashes or underscores are the same)");
        }
        settings.put(key, value);
    }

    private static String key(String raw) {
        String key = raw.strip().replace('_', '-');
        return key.startsWith("--") ? key.substring(2) : key;
    }
}
