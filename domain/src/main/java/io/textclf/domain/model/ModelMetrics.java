package io.textclf.domain.model;

import io.textclf.domain.metrics.ClassificationMetrics;
import io.textclf.domain.train.EpochSummary;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What was measured while and after training.
 *
 * @param testAccuracy       accuracy on the test file, NaN when there was none
 * @param testLoss           mean cross-entropy on the test file, NaN when there was none
 * @param testExamples       rows of the test file
 * @param validationAccuracy last epoch's validation accuracy, NaN without validation
 * @param epochs             one summary per epoch
 * @param test               every metric on the test file, when there was one
 * @param bestEpoch          the best epoch by the monitored validation metric, 0 when unknown
 * @param parametersEpoch    the epoch whose parameters the file holds, 0 when unknown (older files)
 * @param stopReason         why training stopped before its last epoch, empty when it did not
 */
public record ModelMetrics(double testAccuracy, double testLoss, long testExamples, double validationAccuracy,
                           List<EpochSummary> epochs, Optional<ClassificationMetrics> test, int bestEpoch,
                           int parametersEpoch, String stopReason) {

    public ModelMetrics {
        epochs = List.copyOf(epochs);
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(stopReason, "stopReason");
    }

    /** Metrics without the detailed test report, best epoch or stop reason. */
    public ModelMetrics(double testAccuracy, double testLoss, long testExamples, double validationAccuracy,
                        List<EpochSummary> epochs) {
        this(testAccuracy, testLoss, testExamples, validationAccuracy, epochs, Optional.empty(), 0, 0, "");
    }
}
