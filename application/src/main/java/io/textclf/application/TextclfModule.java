package io.textclf.application;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.textclf.application.backend.BackendModule;
import io.textclf.application.backend.ReferenceBackendModule;
import io.textclf.application.config.SettingKey;
import io.textclf.application.config.TextclfConfig;
import io.textclf.application.dataset.DatasetDownloader;
import io.textclf.application.dataset.DatasetLoader;
import io.textclf.application.dataset.RemoteDataset;
import io.textclf.modelformat.ModelFileStore;
import io.textclf.domain.text.BasicEnglishTokenizer;
import io.textclf.domain.text.Tokenizer;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.Loss;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The application's Guice wiring: configuration, the tutorial's tokenizer and loss, datasets, the
 * model file store, and every compute backend found on the class path.
 */
public final class TextclfModule extends AbstractModule {

    private final TextclfConfig config;

    public TextclfModule(TextclfConfig config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        bind(TextclfConfig.class).toInstance(config);
        bind(Tokenizer.class).to(BasicEnglishTokenizer.class);
        bind(Loss.class).to(CrossEntropyLoss.class);
        bind(ModelFileStore.class).in(Singleton.class);
        install(new ReferenceBackendModule());
        for (BackendModule module : ServiceLoader.load(BackendModule.class)) {
            install(module);
        }
    }

    @Provides
    @Singleton
    DatasetLoader datasetLoader(TextclfConfig config) {
        DatasetDownloader downloader = new DatasetDownloader(Path.of(config.value(SettingKey.CACHE_DIR), "datasets"));
        return new DatasetLoader(downloader, List.of(RemoteDataset.agNews(URI.create(config.value(SettingKey.AG_NEWS_URL)))));
    }
}
