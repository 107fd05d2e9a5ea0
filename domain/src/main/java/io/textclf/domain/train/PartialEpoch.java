package io.textclf.domain.train;

/**
 * The running totals of an epoch interrupted between two steps (a checkpoint taken every N batches).
 *
 * @param examplesSeen training documents seen in the epoch so far
 * @param correct      of those, how many the model classified right before its update
 * @param lossSum      sum of their cross-entropies
 * @param seconds      wall time spent in the epoch so far
 */
public record PartialEpoch(long examplesSeen, long correct, double lossSum, double seconds) {

    /** The start of an epoch. */
    public static final PartialEpoch START = new PartialEpoch(0, 0, 0, 0);
}
