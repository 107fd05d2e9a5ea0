package io.textclf.domain.model;

import io.textclf.domain.train.EpochSummary;
import java.util.List;

/**
 * What was measured while and after training.
 *
 * @param testAccuracy       accuracy on the test file, NaN when there was none
 * @param testLoss           mean cross-entropy on the test file, NaN when there was none
 * @param testExamples       rows of the test file
 * @param validationAccuracy last epoch's validation accuracy, NaN without validation
 * @param epochs             one summary per epoch
 */
public record ModelMetrics(double testAccuracy, double testLoss, long testExamples, double validationAccuracy,
                           List<EpochSummary> epochs) {

    public ModelMetrics {
        epochs = List.copyOf(epochs);
    }
}
