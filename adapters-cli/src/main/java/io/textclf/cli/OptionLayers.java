package io.textclf.cli;

import io.textclf.domain.model.RunSetting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * A command's options resolved from layers, in order of precedence: the command line, then each
 * {@link Layer} (an experiment file, a checkpoint's recorded settings), then the option's default.
 * Records where every value came from, for the model file's provenance.
 */
final class OptionLayers {

    /**
     * Values for options, by option name without dashes.
     *
     * @param source where they come from, e.g. {@code experiment file exp.yaml}
     * @param strict whether a name that is no option of the command is an error (for files users write)
     * @param base   the folder relative paths in the values are resolved against (an experiment file's
     *               folder), or empty to leave them relative to the working folder
     */
    record Layer(String source, Map<String, String> values, boolean strict, Optional<Path> base) {
    }

    /** Options that are about the invocation itself, not the run. */
    private static final Set<String> NOT_SETTINGS = Set.of("help", "version", "experiment", "verbose");

    private final CommandSpec spec;
    private final Map<String, String> sources = new HashMap<>();

    OptionLayers(CommandSpec spec) {
        this.spec = spec;
    }

    /** The option's name as used in files: its longest name without the leading dashes. */
    static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    /**
     * Sets every option not given on the command line from the first layer that has it.
     *
     * @throws IllegalArgumentException for a strict layer's unknown name or a value of the wrong type
     */
    void apply(List<Layer> layers) {
        ParseResult parse = spec.commandLine().getParseResult();
        Map<String, OptionSpec> options = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            options.put(key(option), option);
        }
        for (Layer layer : layers) {
            for (String name : layer.values().keySet()) {
                if (layer.strict() && (!options.containsKey(name) || NOT_SETTINGS.contains(name))) {
                    Set<String> known = new TreeSet<>(options.keySet());
                    known.removeAll(NOT_SETTINGS);
                    throw new IllegalArgumentException(layer.source() + ": unknown setting '" + name
                            + "' (train flags without dashes: " + String.join(", ", known) + ")");
                }
            }
        }
        for (Map.Entry<String, OptionSpec> entry : options.entrySet()) {
            String name = entry.getKey();
            OptionSpec option = entry.getValue();
            if (NOT_SETTINGS.contains(name)) {
                continue;
            }
            if (parse.hasMatchedOption(option)) {
                sources.put(name, "flag");
                continue;
            }
            for (Layer layer : layers) {
                String value = layer.values().get(name);
                if (value != null) {
                    option.setValue(convert(option, value, layer));
                    sources.put(name, layer.source());
                    break;
                }
            }
        }
    }

    /** Whether the option was given on the command line or by a layer, not left at its default. */
    boolean isGiven(String name) {
        return sources.containsKey(name);
    }

    /** Where the option's value came from ({@code flag} or a layer's source), or empty when it was not given. */
    Optional<String> sourceOf(String name) {
        return Optional.ofNullable(sources.get(name));
    }

    /**
     * Every option with a value and its source ({@code flag}, a layer's source, or {@code default}),
     * except those named in {@code others} (recorded another way); a path as an absolute one.
     */
    List<RunSetting> runSettings(Set<String> others) {
        List<RunSetting> settings = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            String name = key(option);
            Object value = option.getValue();
            if (NOT_SETTINGS.contains(name) || others.contains(name) || value == null) {
                continue;
            }
            // a path is recorded absolute: a resumed run writes where the first one did, from any working folder
            String text = value instanceof Path path ? path.toAbsolutePath().normalize().toString()
                    : String.valueOf(value);
            settings.add(new RunSetting(name, text, sources.getOrDefault(name, "default")));
        }
        return settings;
    }

    private static String expected(Class<?> type, IllegalArgumentException e) {
        if (type == int.class || type == Integer.class) {
            return "an integer";
        }
        if (type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        return e.getMessage();
    }

    private static Object convert(OptionSpec option, String text, Layer layer) {
        String source = layer.source();
        Class<?> type = option.type();
        String value = text.strip();
        try {
            if (type == int.class || type == Integer.class) {
                return Integer.valueOf(value);
            }
            if (type == long.class || type == Long.class) {
                return Long.valueOf(value);
            }
            if (type == double.class || type == Double.class) {
                return Double.valueOf(value);
            }
            if (type == boolean.class || type == Boolean.class) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new IllegalArgumentException("true or false");
                }
                return Boolean.valueOf(value);
            }
            if (type == Path.class) {
                return layer.base().map(base -> base.resolve(value).normalize()).orElse(Path.of(value));
            }
            if (type.isEnum()) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(value)) {
                        return constant;
                    }
                }
                throw new IllegalArgumentException("one of " + java.util.Arrays.toString(type.getEnumConstants()));
            }
            if (type == String.class) {
                return value;
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + key(option) + ": expected " + expected(type, e)
                    + ", was '" + text + "'");
        }
        throw new IllegalStateException("option " + option.longestName() + " has an unsupported type " + type);
    }
}
