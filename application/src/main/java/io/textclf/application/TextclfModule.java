package io.textclf.application;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
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
        return new DatasetLoader(downloader, List.of(RemoteDataset.agNews(URI.create(config.value(SettingKey.AG_NEWS_URL)))));
    }
}
