package io.textclf.domain.archfixture;

import io.textclf.application.config.SettingKey;
import io.textclf.application.config.TextclfConfig;

/** Fixture: the domain reaching out to the application's configuration. */
public final class DomainReadingConfig {

    public String backend() {
        return TextclfConfig.defaults().value(SettingKey.BACKEND);
    }
}
