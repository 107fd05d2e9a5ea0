package io.textclf.application.archfixture;

import io.textclf.backendkit.AgNewsMini;

/** Fixture: the application reaching into a test kit. */
public final class ApplicationUsingTheBackendKit {

    public Class<?> data() {
        return AgNewsMini.class;
    }
}
