package io.textclf.application.evaluate;

import io.textclf.application.dataset.BadRowPolicy;
import java.nio.file.Path;

/**
 * A request to score a model on a dataset's test file.
 *
 * @param modelFile the model
 * @param dataset   a dataset folder or name whose test file is used, or a data file
 * @param backend   compute backend name
 * @param badRows   what to do with malformed rows
 */
public record EvaluateRequest(Path modelFile, String dataset, String backend, BadRowPolicy badRows) {
}
