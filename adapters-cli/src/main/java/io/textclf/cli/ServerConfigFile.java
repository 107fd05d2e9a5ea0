package io.textclf.cli;

import io.textclf.application.config.SettingsText;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command's settings file: Java properties whose keys are the command's long option names without
 * the leading dashes. A flag given on the command line wins over the file, the file over the default.
 * Relative paths in the file are relative to the file's folder.
 */
final class ServerConfigFile {

    private final Path file;
    private final Properties properties;

    private ServerConfigFile(Path file, Properties properties) {
        this.file = file;
        this.properties = properties;
    }

    /**
     * The file's settings, or none when {@code file} is null; refuses keys that are not options of {@code spec} and
     * keys without a value.
     */
    static ServerConfigFile read(Path file, CommandSpec spec) {
        if (file == null) {
            return new ServerConfigFile(null, new Properties());
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("server config " + file + (Files.isDirectory(file)
                    ? " is a folder, not a file" : Files.exists(file) ? " is not a regular file" : " does not exist"));
        }
        Properties properties;
        try (Reader reader = SettingsText.open(file)) {
            properties = SettingsText.properties(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read server config " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("server config " + file + ": " + e.getMessage(), e);
        }
        Set<String> known = new TreeSet<>();
        for (OptionSpec option : spec.options()) {
            String name = option.longestName();
            if (name.startsWith("--")) {
                known.add(name.substring(2));
            }
        }
        known.removeAll(Set.of("help", "version", "server-config", "config", "verbose"));
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("server config " + file + ": unknown key '" + key + "' (known: "
                        + String.join(", ", known) + ")");
            }
            if (properties.getProperty(key).isBlank()) {
                throw new IllegalArgumentException("server config " + file + ": " + key + " has no value (leave the "
                        + "key out for its default)");
            }
        }
        return new ServerConfigFile(file, properties);
    }

    /** The file, when settings came from one. */
    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** A settings file with nothing in it: the flags and defaults alone. */
    ServerConfigFile withoutSettings() {
        return new ServerConfigFile(null, new Properties());
    }

    String string(String key, String flag, String fallback) {
        if (flag != null) {
            return flag;
        }
        String value = properties.getProperty(key);
        return value == null ? fallback : value.strip();
    }

    Path path(String key, Path flag, Path fallback) {
        if (flag != null) {
            return flag;
        }
        String value = properties.getProperty(key);
        return value == null ? fallback : file.toAbsolutePath().getParent().resolve(value.strip()).normalize();
    }

    int integer(String key, Integer flag, int fallback) {
        if (flag != null) {
            return flag;
        }
        String value = properties.getProperty(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("server config " + file + ": " + key + " must be a whole number"
                    + (value.strip().matches("[+-]?[0-9]+") ? " of at most " + Integer.MAX_VALUE : "") + ", was '"
                    + value.strip() + "'");
        }
    }
}
