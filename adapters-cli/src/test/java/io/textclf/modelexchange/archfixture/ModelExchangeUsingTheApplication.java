package io.textclf.modelexchange.archfixture;

import io.textclf.application.TextclfVersion;

/** Breaks the model-exchange rule on purpose: an exchange format that asks the application for something. */
public final class ModelExchangeUsingTheApplication {

    private ModelExchangeUsingTheApplication() {
    }

    public static String producerVersion() {
        return TextclfVersion.current();
    }
}
