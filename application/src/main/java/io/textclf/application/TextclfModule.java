package io.textclf.application;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.textclf.application.config.ConfigException;
import io.textclf.application.config.Setting;
import io.textclf.application.config.SettingKey;
import io.textclf.application.config.TextclfConfig;
import io.textclf.application.dataset.DatasetDownloader;
import io.textclf.application.dataset.DatasetLoader;
import io.textclf.application.dataset.RemoteDataset;
import io.textclf.application.plugin.Plugins;
import io.textclf.modelformat.ModelFileStore;
import io.textclf.domain.text.Tokenizers;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.Loss;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * The application's Guice wiring: configuration, the plug-ins (where tokenizers and compute backends
 * are looked up), the tokenizers, the tutorial's loss, datasets and the model file store.
 */
public final class TextclfModule extends AbstractModule {

    private final TextclfConfig config;
    private final Plugins plugins;

    /** Providers from the class path only. */
    public TextclfModule(TextclfConfig config) {
        this(config, Plugins.builtIn());
    }

    public TextclfModule(TextclfConfig config, Plugins plugins) {
        this.config = config;
        this.plugins = plugins;
    }

    @Override
    protected void configure() {
        bind(TextclfConfig.class).toInstance(config);
        bind(Loss.class).to(CrossEntropyLoss.class);
        bind(ModelFileStore.class).in(Singleton.class);
        bind(Plugins.class).toInstance(plugins);
    }

    /** The tokenizers on the class path and in the plug-in jars. */
    @Provides
    @Singleton
    Tokenizers tokenizers(Plugins found) {
        return new Tokenizers(found.load(io.textclf.domain.text.TokenizerFactory.class));
    }

    @Provides
    @Singleton
    DatasetLoader datasetLoader(TextclfConfig config) {
        DatasetDownloader downloader = new DatasetDownloader(Path.of(config.value(SettingKey.CACHE_DIR), "datasets"));
        return new DatasetLoader(downloader, List.of(RemoteDataset.agNews(webAddress(config, SettingKey.AG_NEWS_URL))));
    }

    /** The http or https address that {@code key} holds; anything else is refused naming the setting and its source. */
    private static URI webAddress(TextclfConfig config, SettingKey key) {
        Setting setting = config.get(key);
        String problem;
        try {
            URI address = new URI(setting.value());
            if (("http".equalsIgnoreCase(address.getScheme()) || "https".equalsIgnoreCase(address.getScheme()))
                    && address.getHost() != null) {
                return address;
            }
            problem = "expected an http:// or https:// address with a host";
        } catch (URISyntaxException e) {
            problem = e.getReason() + " at character " + (e.getIndex() + 1);
        }
        throw new ConfigException(key.property() + " '" + setting.value() + "' (from " + setting.source()
                + ") is not a web address: " + problem);
    }
}
