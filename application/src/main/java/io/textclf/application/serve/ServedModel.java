package io.textclf.application.serve;

import io.textclf.application.predict.LoadedClassifier;
import java.nio.file.Path;

/**
 * One version of a model, loaded and ready to classify.
 *
 * @param name           model name (a folder of the models directory)
 * @param version        version, from 1
 * @param file           the model file it was loaded from
 * @param loaded         the artifact and its thread-safe classifier
 * @param footprintBytes its estimated memory ({@link ModelFootprint})
 */
public record ServedModel(String name, long version, Path file, LoadedClassifier loaded, long footprintBytes) {
}
