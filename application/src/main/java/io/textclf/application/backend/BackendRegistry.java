package io.textclf.application.backend;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.textclf.application.config.ConfigException;
import io.textclf.application.config.Setting;
import io.textclf.application.config.SettingKey;
import io.textclf.application.config.TextclfConfig;
import io.textclf.application.plugin.Plugins;
import io.textclf.domain.backend.BackendException;
import io.textclf.domain.backend.BackendFactory;
import io.textclf.domain.backend.BackendSettings;
import io.textclf.domain.backend.ComputeBackend;
import io.textclf.domain.backend.Device;
import io.textclf.domain.plugin.NamedProviders;
import io.textclf.domain.plugin.ServiceProviders;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compute backends found by {@link java.util.ServiceLoader} (the class path and the plug-in jars),
 * by name, each created once from the configured device and cache folder.
 */
@Singleton
public final class BackendRegistry {

    private final Map<String, BackendFactory> factories;
    private final Setting backend;
    private final Setting device;
    private final Path cacheDir;
    private final Map<String, ComputeBackend> created = new ConcurrentHashMap<>();

    @Inject
    public BackendRegistry(TextclfConfig config, Plugins plugins) {
        this.factories = NamedProviders.byName("backend", BackendFactory.class, plugins.load(BackendFactory.class),
                BackendFactory::name, ServiceProviders::origin);
        this.backend = config.get(SettingKey.BACKEND);
        this.device = config.get(SettingKey.DEVICE);
        this.cacheDir = Path.of(config.value(SettingKey.CACHE_DIR));
    }

    /**
     * The device a setting names.
     *
     * @throws ConfigException when it names none, saying where the setting came from
     */
    public static Device deviceOf(Setting setting) {
        try {
            return Device.parse(setting.value());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage() + " (from " + setting.source() + ")");
        }
    }

    public Set<String> names() {
        return factories.keySet();
    }

    /**
     * Checks that a backend has that name, without creating it.
     *
     * @throws UnknownBackendException when none has, listing those that are known
     */
    public void requireKnown(String name) {
        factory(name);
    }

    /** The factories found, by name. */
    public Map<String, BackendFactory> factories() {
        return Map.copyOf(factories);
    }

    /**
     * The backend of that name on the configured device, started: one that loads its engine at first use (and only
     * then finds that the device is missing) fails here, before its caller reads any file.
     *
     * @throws UnknownBackendException when no backend has that name
     * @throws ConfigException when the device setting is not a device, naming where it came from
     * @throws BackendException when it cannot use the device (naming where a device that no flag gave came from) or
     *                          cannot start here
     */
    public ComputeBackend get(String name) {
        BackendFactory factory = factory(name);
        BackendSettings settings = new BackendSettings(deviceOf(device), cacheDir);
        try {
            ComputeBackend backend = created.computeIfAbsent(name, key -> factory.create(settings));
            backend.describe();
            return backend;
        } catch (BackendException e) {
            throw withDeviceSource(e);
        }
    }

    /** A refused device that no flag gave: the refusal says where it came from. */
    private BackendException withDeviceSource(BackendException e) {
        boolean named = device.source().equals("flag") || device.source().equals("default");
        return e.refusesDevice() && !named ? e.noting("device " + device.value() + " from " + device.source()) : e;
    }

    /**
     * A new instance of backend {@code name} on {@code device}, whatever the configured device, started as
     * {@link #get} starts one: to run one backend on two devices side by side. The caller owns it.
     *
     * @throws UnknownBackendException when no backend has that name
     * @throws BackendException when it cannot use the device or cannot start here
     */
    public ComputeBackend create(String name, Device device) {
        ComputeBackend backend = factory(name).create(new BackendSettings(device, cacheDir));
        backend.describe();
        return backend;
    }

    private BackendFactory factory(String name) {
        BackendFactory factory = factories.get(name);
        if (factory == null) {
            String from = name.equals(backend.value()) ? ", from " + backend.source() : "";
            throw new UnknownBackendException("unknown backend '" + name + "' (available: "
                    + String.join(", ", names()) + ")" + from + "; for another, " + Plugins.howToAdd());
        }
        return factory;
    }
}
