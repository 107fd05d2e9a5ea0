package io.textclf.application.dataset;

import io.textclf.domain.data.Layout;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a dataset's files are.
 *
 * @param name    how the user named it (folder path or dataset name)
 * @param layout  layout of the train and test files
 * @param train   the training file
 * @param test    the test file, if there is one
 * @param classes {@code classes.txt} (class N on line N), required for the CSV layout
 */
public record DatasetFiles(String name, Layout layout, Path train, Optional<Path> test, Optional<Path> classes) {
}
