package io.textclf.domain.train;

import java.util.Arrays;
import java.util.Locale;

/** A validation score that early stopping, the best-model choice and reduce-on-plateau watch. */
public enum ValidationMetric {
    /** Validation accuracy; higher is better. */
    ACCURACY(true),
    /** Mean validation cross-entropy; lower is better. */
    LOSS(false),
    /** Validation macro-F1; higher is better. */
    MACRO_F1(true);

    private final boolean higherIsBetter;

    ValidationMetric(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** This metric's value among {@code scores}. */
    public double of(ValidationScores scores) {
        return switch (this) {
            case ACCURACY -> scores.accuracy();
            case LOSS -> scores.loss();
            case MACRO_F1 -> scores.macroF1();
        };
    }

    /** The name used on the command line and in files: {@code accuracy}, {@code loss}, {@code macro-f1}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @throws IllegalArgumentException naming the known metrics when {@code label} is none of them
     */
    public static ValidationMetric fromLabel(String label) {
        for (ValidationMetric metric : values()) {
            if (metric.label().equals(label)) {
                return metric;
            }
        }
        throw new IllegalArgumentException("unknown validation metric '" + label + "' (known: "
                + String.join(", ", Arrays.stream(values()).map(ValidationMetric::label).toList()) + ")");
    }
}
