package io.textclf.domain.reference;

import java.util.Arrays;
import java.util.Random;

/**
 * The SIMD kernels without their cold start. Until HotSpot's optimizing compiler has compiled them, Vector
 * API calls run interpreted and allocate every vector, tens of times slower than plain loops. So these
 * kernels answer with {@link ScalarRowKernels} while a daemon thread runs {@link SimdRowKernels} on
 * synthetic rows of the shapes training uses, and switch to them once a round of them is faster than the
 * same round of plain loops (giving up, and staying on plain loops, after {@link #MAX_WARM_UP_NANOS}).
 * Both kernels give the same bits, so the moment of the switch never changes a result.
 */
final class WarmingKernels implements RowKernels {

    /** The longest the warm-up thread runs before it gives up on the SIMD kernels. */
    static final long MAX_WARM_UP_NANOS = 10_000_000_000L;

    private final ScalarRowKernels scalar;
    private final SimdRowKernels simd;
    private volatile RowKernels current;
    private volatile boolean started;

    WarmingKernels(ScalarRowKernels scalar, SimdRowKernels simd) {
        this.scalar = scalar;
        this.simd = simd;
        this.current = scalar;
    }

    /** Starts the warm-up thread, once; a no-op when it ran or runs. */
    @Override
    public void warmUp() {
        if (started) {
            return;
        }
        synchronized (this) {
            if (started) {
                return;
            }
            started = true;
        }
        Thread thread = new Thread(this::runWarmUp, "textclf-simd-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** Whether the SIMD kernels answer now. */
    boolean warm() {
        return current == simd;
    }

    @Override
    public String describe() {
        return simd.describe();
    }

    /** The padding of the SIMD kernels, which the plain loops accept as well. */
    @Override
    public int paddedLength(int length) {
        return simd.paddedLength(length);
    }

    @Override
    public void add(float[] target, int t, float[] source, int s, int length) {
        current.add(target, t, source, s, length);
    }

    @Override
    public void addScaled(float[] target, int t, float factor, float[] source, int s, int length) {
        current.addScaled(target, t, factor, source, s, length);
    }

    @Override
    public void scale(float[] target, int t, float factor, int length) {
        current.scale(target, t, factor, length);
    }

    @Override
    public void meanOfRows(float[] table, int[] ids, int from, int to, float[] target, int t, int length) {
        current.meanOfRows(table, ids, from, to, target, t, length);
    }

    @Override
    public void addToRows(float[] table, int[] rows, int from, int to, float[] source, int s, int length) {
        current.addToRows(table, rows, from, to, source, s, length);
    }

    @Override
    public void addScaledRowsTo(float[] table, int[] rows, int[] slots, int from, int to, float factor,
                                float[] source, int[] sourceRows, int length) {
        current.addScaledRowsTo(table, rows, slots, from, to, factor, source, sourceRows, length);
    }

    @Override
    public void addWeightedRows(float[] target, int t, float[] weights, int w, int weightStride, float[] rows, int r,
                                int rowStride, int count, int length) {
        current.addWeightedRows(target, t, weights, w, weightStride, rows, r, rowStride, count, length);
    }

    @Override
    public double sumOfSquares(float[] values, int count) {
        return current.sumOfSquares(values, count);
    }

    @Override
    public double sumOfSquaresOfRows(float[] source, int[] rows, int count, int length) {
        return current.sumOfSquaresOfRows(source, rows, count, length);
    }

    private void runWarmUp() {
        WarmUpRound round = new WarmUpRound();
        long deadline = System.nanoTime() + MAX_WARM_UP_NANOS;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 20; i++) {
                round.run(simd);
            }
            if (round.time(simd) < round.time(scalar)) {
                current = simd;
                return;
            }
        }
    }

    /** Synthetic rows in the shapes of a training step: 64 columns, 41 classes (48 padded), batches of 64. */
    private static final class WarmUpRound {
        private static final int DIM = 64;
        private static final int CLASSES = 48;
        private static final int ROWS = 64;
        private final float[] table = new float[1000 * DIM];
        private final int[] ids = new Random(7).ints(4000, 0, 1000).toArray();
        private final int[] slots = new Random(8).ints(4000, 0, 64).toArray();
        private final float[] rowGradients = new float[64 * DIM];
        private final int[] gradientRows = new Random(9).ints(64, 0, 64).toArray();
        private final float[] hidden = new float[ROWS * DIM];
        private final float[] weights = new float[CLASSES * DIM];
        private final float[] logits = new float[ROWS * CLASSES];
        private final float[] gradient = new float[CLASSES * DIM];
        /** Kept so that the compiler cannot drop the work. */
        private double norm;

        void run(RowKernels kernels) {
            for (int r = 0; r < ROWS; r++) {
                kernels.meanOfRows(table, ids, r * 60, r * 60 + r, hidden, r * DIM, DIM);
                kernels.addWeightedRows(logits, r * CLASSES, hidden, r * DIM, 1, weights, 0, CLASSES, DIM, CLASSES);
                kernels.addWeightedRows(gradient, 0, logits, r * CLASSES, 1, weights, 0, DIM, CLASSES, DIM);
                kernels.scale(gradient, 0, 0.5f, DIM);
                kernels.addToRows(rowGradients, slots, r * 60, r * 60 + r, gradient, 0, DIM);
                // the kernels a step calls once, as often as the others: compiled before training needs them
                kernels.addScaled(weights, 0, -0.1f, gradient, 0, weights.length);
                kernels.add(weights, 0, gradient, 0, weights.length);
                kernels.addScaledRowsTo(table, ids, slots, r, r + 64, -0.1f, rowGradients, gradientRows, DIM);
                norm += kernels.sumOfSquares(gradient, gradient.length) + kernels.sumOfSquaresOfRows(rowGradients,
                        gradientRows, gradientRows.length, DIM);
            }
            for (int c = 0; c < CLASSES; c++) {
                kernels.addWeightedRows(gradient, c * DIM, logits, c, CLASSES, hidden, 0, DIM, ROWS, DIM);
            }
            Arrays.fill(logits, 0f);
            Arrays.fill(gradient, 0f);
            Arrays.fill(rowGradients, 0f);
        }

        long time(RowKernels kernels) {
            long start = System.nanoTime();
            run(kernels);
            return System.nanoTime() - start;
        }
    }
}
