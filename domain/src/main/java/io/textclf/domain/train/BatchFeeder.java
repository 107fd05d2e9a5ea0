package io.textclf.domain.train;

import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.model.DistinctRows;
import io.textclf.domain.model.TokenBatch;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The batches of one epoch, prepared ahead on a thread of their own while the training loop works on
 * the batches before: each batch's token ids, labels and word count gathered from the shuffled order
 * and, for a model that uses them, its {@link DistinctRows}. What it prepares depends on the order and
 * the corpus alone (never on the parameters), so training gives the same bits with it as without.
 */
final class BatchFeeder implements AutoCloseable {

    /** Batches prepared ahead of the one being trained on, at most. */
    static final int AHEAD = 8;

    /**
     * One batch, ready to train on.
     *
     * @param rows its distinct rows, null when the model does not use them
     */
    record Batch(TokenBatch tokens, int[] labels, long words, DistinctRows rows) {
    }

    /** What the preparing thread hands over when it fails: the consumer rethrows it. */
    private record Failure(RuntimeException cause) {
    }

    private final BlockingQueue<Object> prepared = new ArrayBlockingQueue<>(AHEAD);
    private final Thread thread;

    /**
     * Starts preparing batches {@code [from, to)} of {@code order}.
     *
     * @param finder finds the distinct rows, null when the model does not use them; used by this feeder's
     *               thread only until the last batch is handed over
     */
    BatchFeeder(EncodedCorpus train, int[] order, int batchSize, int from, int to, DistinctRows.Finder finder) {
        thread = new Thread(() -> {
            try {
                for (int b = from; b < to; b++) {
                    Object next;
                    try {
                        next = prepare(train, order, batchSize, b, finder);
                    } catch (RuntimeException e) {
                        next = new Failure(e);
                    }
                    prepared.put(next);
                    if (next instanceof Failure) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // closed before the epoch's end: nothing waits for the rest
            }
        }, "textclf-batches");
        thread.setDaemon(true);
        thread.start();
    }

    /** Batch {@code b} of {@code order}, prepared on the calling thread. */
    static Batch prepare(EncodedCorpus train, int[] order, int batchSize, int b, DistinctRows.Finder finder) {
        int from = b * batchSize;
        int to = (int) Math.min(train.size(), (long) from + batchSize);
        TokenBatch tokens = train.batch(order, from, to);
        return new Batch(tokens, train.labels(order, from, to), train.words(order, from, to),
                finder == null ? null : finder.find(tokens));
    }

    /**
     * The next batch, in order, once it is prepared.
     *
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    Batch next() throws InterruptedException {
        Object next = prepared.take();
        if (next instanceof Failure failure) {
            throw failure.cause();
        }
        return (Batch) next;
    }

    /** The distinct rows of the batch {@link #next()} would hand over now, null when none is ready or they are unknown. */
    DistinctRows peekRows() {
        return prepared.peek() instanceof Batch batch ? batch.rows() : null;
    }

    /** Stops the preparing thread and waits for it, so that nothing runs after the epoch. */
    @Override
    public void close() {
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
