package io.textclf.domain.predict;

/**
 * A class and its softmax probability.
 *
 * @param index       class index, from 0
 * @param label       class name
 * @param probability in [0, 1]
 */
public record ScoredLabel(int index, String label, double probability) {
}
