package io.textclf.application.archfixture;

import io.textclf.examples.library.LibraryUse;

/** Fixture: the application depending on an example. */
public final class ApplicationUsingAnExample {

    public Class<?> example() {
        return LibraryUse.class;
    }
}
