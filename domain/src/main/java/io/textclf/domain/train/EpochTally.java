package io.textclf.domain.train;

/**
 * The running totals of one epoch, which every training thread adds its steps to; reports each
 * step to the listener, one at a time, with the steps numbered in the order they finished.
 */
final class EpochTally {

    private final int epoch;
    private final int batchesPerEpoch;
    private final double learningRate;
    private final int threads;
    private final TrainingListener listener;
    private final PartialEpoch before;
    private final long startedNanos;
    private int batchesDone;
    private long seen;
    private long correct;
    private double lossSum;
    private long words;

    EpochTally(int epoch, int batchesPerEpoch, double learningRate, int threads, TrainingListener listener,
               PartialEpoch before, int batchesDone) {
        this.epoch = epoch;
        this.batchesPerEpoch = batchesPerEpoch;
        this.learningRate = learningRate;
        this.threads = threads;
        this.listener = listener;
        this.before = before;
        this.batchesDone = batchesDone;
        this.seen = before.examplesSeen();
        this.correct = before.correct();
        this.lossSum = before.lossSum();
        this.startedNanos = System.nanoTime();
    }

    double learningRate() {
        return learningRate;
    }

    /** Adds a step of {@code rows} documents holding {@code stepWords} words. */
    synchronized void record(int rows, int rightBeforeUpdate, double stepLossSum, long stepWords) {
        batchesDone++;
        seen += rows;
        correct += rightBeforeUpdate;
        lossSum += stepLossSum;
        words += stepWords;
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        listener.onBatch(new BatchProgress(epoch, batchesDone, batchesPerEpoch, seen, correct, lossSum, learningRate,
                seconds > 0 ? words / seconds / threads : 0, before.seconds() + seconds));
    }

    synchronized int batchesDone() {
        return batchesDone;
    }

    synchronized double lossSum() {
        return lossSum;
    }

    /** The epoch so far, as a checkpoint within it records it. */
    synchronized PartialEpoch partial() {
        return new PartialEpoch(seen, correct, lossSum, seconds());
    }

    /** Seconds of this epoch, the part before a resume included. */
    synchronized double seconds() {
        return before.seconds() + (System.nanoTime() - startedNanos) / 1e9;
    }

    synchronized EpochSummary summary(ValidationScores scores) {
        return new EpochSummary(epoch, lossSum / seen, (double) correct / seen, scores.accuracy(), learningRate,
                seconds(), scores.loss(), scores.macroF1());
    }
}
