package io.textclf.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.textclf.application.TextclfModule;
import io.textclf.application.backend.BackendRegistry;
import io.textclf.application.config.SettingKey;
import io.textclf.application.config.TextclfConfig;
import io.textclf.application.plugin.Plugins;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every command that computes shares: backend, device, config file, verbosity. */
final class CommonOptions {

    @Option(names = "--backend", description = "Compute backend (reference, nd4j, djl, ...). "
            + "Default: $TEXTCLF_BACKEND, then the config file's backend=, then reference.")
    String backend;

    @Option(names = "--device", description = "cpu, cuda, cuda:N (the GPU of that index) or auto, for backends "
            + "that have devices. Default: $TEXTCLF_DEVICE, then the config file's device=, then auto.")
    String device;

    @Option(names = "--config", description = "Config file (Java properties). Default: $TEXTCLF_CONFIG, "
            + "then ~/.config/textclf/textclf.properties if it exists.")
    Path config;

    @Mixin
    VerboseOption verbose;

    /** Where {@code backend} or {@code device} came from when a file of the command's flags gave it, by key. */
    private final Map<SettingKey, String> givenBy = new EnumMap<>(SettingKey.class);

    /** Says that a file of the command's flags ({@code source}) gave the value of {@code key}, not the command line. */
    void givenBy(SettingKey key, String source) {
        givenBy.put(key, source);
    }

    TextclfConfig resolve(Map<String, String> environment) {
        Map<SettingKey, String> flags = new EnumMap<>(SettingKey.class);
        if (backend != null) {
            flags.put(SettingKey.BACKEND, backend);
        }
        if (device != null) {
            flags.put(SettingKey.DEVICE, device);
        }
        TextclfConfig resolved = TextclfConfig.resolve(flags, environment, Optional.ofNullable(config));
        for (Map.Entry<SettingKey, String> given : givenBy.entrySet()) {
            if (flags.containsKey(given.getKey())) {
                resolved = resolved.with(given.getKey(), flags.get(given.getKey()), given.getValue());
            }
        }
        return resolved;
    }

    /**
     * The name of the backend the settings give, once {@code injector}'s registry has it started on the configured
     * device: checked before any file is read, so that an unknown name or a device it cannot use is what a command
     * refuses first, as {@code train} does.
     */
    String checkedBackend(Map<String, String> environment, Injector injector) {
        String name = resolve(environment).value(SettingKey.BACKEND);
        injector.getInstance(BackendRegistry.class).get(name);
        return name;
    }

    Injector injector(Map<String, String> environment) {
        return Guice.createInjector(new TextclfModule(resolve(environment), Plugins.fromEnvironment(environment)));
    }
}
