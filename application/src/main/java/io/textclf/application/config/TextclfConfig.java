package io.textclf.application.config;

import io.textclf.modelformat.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * textclf's settings, each resolved in this order of precedence: a command-line flag, then an
 * environment variable ({@code TEXTCLF_BACKEND}, ...), then the config file (Java properties:
 * {@code backend=djl}), then the default.
 *
 * <p>The config file is the one given explicitly, else {@code $TEXTCLF_CONFIG}, else
 * {@code ~/.config/textclf/textclf.properties} when it exists.
 */
public final class TextclfConfig {

    public static final String CONFIG_ENV = "TEXTCLF_CONFIG";

    private final Map<SettingKey, Setting> settings;

    private TextclfConfig(Map<SettingKey, Setting> settings) {
        this.settings = settings;
    }

    /** The defaults only: what a program gets with no flags, environment or config file. */
    public static TextclfConfig defaults() {
        return resolve(Map.of(), Map.of(), Optional.empty());
    }

    /**
     * @param flags       values given on the command line, by key
     * @param environment the process environment (or a test's stand-in)
     * @param configFile  a config file named explicitly, if any
     */
    public static TextclfConfig resolve(Map<SettingKey, String> flags, Map<String, String> environment,
                                        Optional<Path> configFile) {
        Optional<Path> file = configFile
                .or(() -> Optional.ofNullable(environment.get(CONFIG_ENV)).map(Path::of))
                .or(() -> Optional.of(Path.of(System.getProperty("user.home"), ".config", "textclf",
                        "textclf.properties")).filter(Files::isRegularFile));
        Properties properties = file.map(TextclfConfig::read).orElseGet(Properties::new);
        Map<SettingKey, Setting> resolved = new EnumMap<>(SettingKey.class);
        for (SettingKey key : SettingKey.values()) {
            String flag = flags.get(key);
            String env = environment.get(key.environmentVariable());
            String fromFile = properties.getProperty(key.property());
            if (flag != null) {
                resolved.put(key, new Setting(flag, "flag"));
            } else if (env != null && !env.isBlank()) {
                resolved.put(key, new Setting(env, "environment variable " + key.environmentVariable()));
            } else if (fromFile != null) {
                String value = key == SettingKey.CACHE_DIR ? besideTheFile(file.orElseThrow(), fromFile.strip())
                        : fromFile.strip();
                resolved.put(key, new Setting(value, "config file " + file.orElseThrow()));
            } else {
                resolved.put(key, new Setting(key.defaultValue(), "default"));
            }
        }
        return new TextclfConfig(resolved);
    }

    /** A folder named in the config file: a relative one is relative to the file's own folder. */
    private static String besideTheFile(Path file, String folder) {
        try {
            return file.toAbsolutePath().getParent().resolve(folder).normalize().toString();
        } catch (InvalidPathException e) {
            throw new ConfigException("config file " + file + ": " + SettingKey.CACHE_DIR.property() + " '" + folder
                    + "' is not a path: " + e.getReason());
        }
    }

    public Setting get(SettingKey key) {
        return settings.get(key);
    }

    public String value(SettingKey key) {
        return settings.get(key).value();
    }

    /** A copy with {@code key} set as if by a flag. */
    public TextclfConfig with(SettingKey key, String value) {
        return with(key, value, "flag");
    }

    /**
     * A copy with {@code key} set to {@code value} from {@code source}, at a flag's rank: a file of the command's flags
     * (an experiment file, a server settings file) says where it came from, e.g. {@code experiment file exp.yaml}.
     */
    public TextclfConfig with(SettingKey key, String value, String source) {
        Map<SettingKey, Setting> copy = new EnumMap<>(settings);
        copy.put(key, new Setting(value, source));
        return new TextclfConfig(copy);
    }

    private static Properties read(Path file) {
        if (Files.isDirectory(file)) {
            throw new ConfigException("config file " + file + " is a folder, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + (Files.exists(file) ? " is not a regular file"
                    : " does not exist"));
        }
        try (Reader reader = SettingsText.open(file)) {
            Properties properties = SettingsText.properties(reader);
            for (String name : properties.stringPropertyNames()) {
                boolean known = false;
                for (SettingKey key : SettingKey.values()) {
                    known |= key.property().equals(name);
                }
                if (!known) {
                    throw new ConfigException("config file " + file + ": unknown key '" + name + "'");
                }
                if (properties.getProperty(name).isBlank()) {
                    throw new ConfigException("config file " + file + ": " + name + " has no value (leave the key "
                            + "out for its default)");
                }
            }
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file + ": " + AtomicFiles.reason(e, file), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("config file " + file + ": " + e.getMessage());
        }
    }
}
