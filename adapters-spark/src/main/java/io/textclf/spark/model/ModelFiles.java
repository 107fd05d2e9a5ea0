package io.textclf.spark.model;

import io.textclf.modelformat.ModelFileStore;
import io.textclf.domain.model.ModelArtifact;
import java.nio.file.Path;

/**
 * Reads and writes ordinary textclf model files on the driver's file system (written atomically),
 * the files {@code textclf predict} and {@code textclf serve} load.
 */
public final class ModelFiles {

    private final ModelFileStore store = new ModelFileStore();

    public void save(ModelArtifact artifact, Path target) {
        store.save(artifact, target);
    }

    /** Fails now, naming the reason, when {@link #save} could not write {@code target} later. */
    public void checkWritable(Path target) {
        store.checkWritable(target);
    }

    public ModelArtifact load(Path source) {
        return store.load(source);
    }
}
