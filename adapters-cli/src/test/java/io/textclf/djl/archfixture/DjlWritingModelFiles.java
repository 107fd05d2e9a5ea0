package io.textclf.djl.archfixture;

import io.textclf.modelformat.ModelFileStore;

/** Fixture: a backend writing model files itself. */
public final class DjlWritingModelFiles {

    public ModelFileStore store() {
        return new ModelFileStore();
    }
}
