package io.textclf.domain.reference;

import io.textclf.domain.model.DistinctRows;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import java.util.Arrays;

/**
 * {@code EmbeddingBag(V, D, mode="mean")} + {@code Linear(D, C)} on plain float arrays.
 *
 * <p>The embedding gradient is kept sparse: only the rows of tokens in the last batch are held (one
 * accumulated row per distinct token that several tokens have, and for a token alone with its row its
 * document's gradient itself: {@link DistinctRows.GradientRows}), which is the same math as PyTorch's
 * dense gradient whose other rows are zero. Gradient scaling is folded into a factor applied when the
 * gradient is read.
 */
final class ReferenceModel implements TrainableModel {

    private final RowKernels kernels;
    /** Whether the parameters are shared with a {@link StateDict} that must not change: an inference model. */
    private final boolean readOnly;

    private final ModelDims dims;
    private final int dim;
    private final int classes;
    private final float[] embedding;
    private final float[] fcWeight;
    private final float[] fcBias;
    /**
     * {@code fcWeight} transposed to {@code [D, paddedClasses]} (zeros past C), refreshed at each forward pass: the
     * linear layer then runs along whole vectors of classes.
     */
    private final float[] fcWeightByDim;
    private final int paddedClasses;
    private final float[] logitRow;

    /**
     * Batches from this size on go through the linear layer along the classes (vectorized) on buffers of
     * their own, smaller ones by plain dot products: transposing {@code fc.weight} costs about what a few
     * documents' dot products do.
     */
    private static final int TRANSPOSED_FROM_ROWS = 4;

    private TokenBatch lastBatch;
    /** The distinct rows of {@code lastBatch} when they were found beforehand, else null. */
    private DistinctRows lastRows;
    private volatile boolean closed;
    private float[] lastHidden = new float[0];
    private final float[] fcWeightGrad;
    private final float[] fcBiasGrad;
    /** The gradient slot of each embedding row in the last backward pass, -1 for the others (filled on demand). */
    private final int[] slotOfRow;
    /** Whether {@code slotOfRow} holds the slots of the last backward pass. */
    private boolean slotsIndexed;
    /** The distinct rows of the last backward pass's batch (its gradient slots), null before the first. */
    private DistinctRows gradientSlots;
    /**
     * Finds the distinct rows of batches that come without them, on this thread (every row with a gradient row of its
     * own: the layout that spares rows would cost this thread more than it saves); made at the first.
     */
    private DistinctRows.Finder finder;
    /** The embedding gradients of the last backward pass, laid out as {@code gradientSlots.gradientRows()} says. */
    private float[] rowGrads = new float[0];
    private final float[] zeroRow;
    private double gradientScale = 1;

    /**
     * Embedding tables of this many bytes or more have most of their SGD update done on another core. They are larger
     * than the last-level cache of the machines measured (32 MB), so most rows a batch updates come from memory and go
     * back to it whichever core writes them; a smaller table stays mostly cached, and its rows are best updated by the
     * core that reads them next (docs/benchmarks.md: epochs 2-10 of a run with a 77 MB bigram table 0.15-0.4 s
     * faster in alternating runs, those of a run with a 25 MB table 0.15 s slower).
     */
    static final long BACKGROUND_UPDATES_FROM_BYTES = 32L << 20;

    /*
     * With background updates, SGD's update of the embedding rows of a batch trained on with its distinct rows found
     * beforehand waits for the next forward pass, which brings the next batch's rows: the rows that batch reads again
     * are updated at once, the others on another core (backgroundUpdates) while this one goes on with the next batch;
     * the forward pass after that finishes them first. Every row gets the same additions in the same order as without.
     * Whether a step does so is up to backgroundPolicy, from how long steps take with and without.
     */
    private final boolean updatesInBackground;
    private final BackgroundRowUpdates backgroundUpdates;
    private final BackgroundUpdatePolicy backgroundPolicy;
    private boolean updatePending;
    private DistinctRows pendingRows;
    private float pendingFactor;
    private float[] pendingGradients;
    /** The other gradient buffer: a backward pass fills it while an update (maybe in the background) reads rowGrads. */
    private float[] spareRowGrads = new float[0];
    /** Whether an optimizer other than plain SGD updates this model: it never updates in the background. */
    private boolean updatedByRule;
    private int[] slotsInOrder = new int[0];

    /** A model for training on a copy of {@code parameters}, with background updates from a table of that size on. */
    ReferenceModel(StateDict parameters, RowKernels kernels, long backgroundUpdatesFromBytes) {
        this(parameters, kernels, backgroundUpdatesFromBytes, new BackgroundUpdatePolicy());
    }

    /** As above, with the given policy (tests give one without warm-up). */
    ReferenceModel(StateDict parameters, RowKernels kernels, long backgroundUpdatesFromBytes,
                   BackgroundUpdatePolicy policy) {
        this(parameters.dims(), parameters.get(StateDict.EMBEDDING_WEIGHT).values(),
                parameters.get(StateDict.FC_WEIGHT).values(), parameters.get(StateDict.FC_BIAS).values(), kernels,
                false, backgroundUpdatesFromBytes, policy);
    }

    /** A model on the parameters of {@code shared} (not a copy), with gradients of its own: a Hogwild worker. */
    ReferenceModel(ReferenceModel shared) {
        this(shared.settled().dims, shared.embedding, shared.fcWeight, shared.fcBias, shared.kernels, false,
                Long.MAX_VALUE, new BackgroundUpdatePolicy());
    }

    /**
     * A model for inference that reads the very arrays of {@code parameters} ({@link Tensor#sharedValues()}) instead
     * of a copy; it refuses every call that would write them.
     */
    static ReferenceModel readingShared(StateDict parameters, RowKernels kernels) {
        return onArraysOf(parameters, kernels, true, Long.MAX_VALUE, new BackgroundUpdatePolicy());
    }

    /**
     * A model for training on the very arrays of {@code parameters}, which its caller hands over, with background
     * updates from a table of {@code backgroundUpdatesFromBytes} on.
     */
    static ReferenceModel takingOver(StateDict parameters, RowKernels kernels, long backgroundUpdatesFromBytes,
                                     BackgroundUpdatePolicy policy) {
        return onArraysOf(parameters, kernels, false, backgroundUpdatesFromBytes, policy);
    }

    private static ReferenceModel onArraysOf(StateDict parameters, RowKernels kernels, boolean readOnly,
                                             long backgroundUpdatesFromBytes, BackgroundUpdatePolicy policy) {
        return new ReferenceModel(parameters.dims(), parameters.get(StateDict.EMBEDDING_WEIGHT).sharedValues(),
                parameters.get(StateDict.FC_WEIGHT).sharedValues(), parameters.get(StateDict.FC_BIAS).sharedValues(),
                kernels, readOnly, backgroundUpdatesFromBytes, policy);
    }

    private ReferenceModel(ModelDims dims, float[] embedding, float[] fcWeight, float[] fcBias, RowKernels kernels,
                           boolean readOnly, long backgroundUpdatesFromBytes, BackgroundUpdatePolicy policy) {
        this.readOnly = readOnly;
        this.kernels = kernels;
        this.dims = dims;
        this.dim = dims.embeddingDim();
        this.classes = dims.numClasses();
        this.embedding = embedding;
        this.fcWeight = fcWeight;
        this.fcBias = fcBias;
        this.paddedClasses = kernels.paddedLength(classes);
        // an inference model keeps no buffers of the training step
        int training = readOnly ? 0 : 1;
        this.fcWeightByDim = new float[training * dim * paddedClasses];
        this.logitRow = new float[training * paddedClasses];
        this.fcWeightGrad = new float[training * fcWeight.length];
        this.fcBiasGrad = new float[training * fcBias.length];
        this.zeroRow = new float[training * dim];
        this.slotOfRow = new int[training * dims.vocabSize()];
        Arrays.fill(slotOfRow, -1);
        this.updatesInBackground = !readOnly && (long) embedding.length * Float.BYTES >= backgroundUpdatesFromBytes;
        this.backgroundUpdates = new BackgroundRowUpdates(kernels);
        this.backgroundPolicy = policy;
    }

    @Override
    public ModelDims dims() {
        return dims;
    }

    @Override
    public float[] logits(TokenBatch batch) {
        checkUsable(batch);
        applyPendingUpdate(null);
        float[] hidden = new float[batch.size() * dim];
        meanEmbeddings(batch, hidden);
        return batch.size() < TRANSPOSED_FROM_ROWS ? linearByDotProducts(hidden, batch.size())
                : linear(hidden, batch.size(), new float[dim * paddedClasses], new float[paddedClasses]);
    }

    @Override
    public float[] forward(TokenBatch batch) {
        return forward(batch, null);
    }

    @Override
    public float[] forward(TokenBatch batch, DistinctRows rows) {
        checkTrainable();
        checkUsable(batch);
        if (rows != null && !rows.foundFor(batch)) {
            throw new IllegalArgumentException("distinct rows of another batch than this one of " + batch.size()
                    + " documents and " + batch.tokenIds().length + " tokens");
        }
        if (lastHidden.length < batch.size() * dim) {
            lastHidden = new float[batch.size() * dim];
        }
        applyPendingUpdate(rows);
        meanEmbeddings(batch, lastHidden);
        lastBatch = batch;
        lastRows = rows;
        return linear(lastHidden, batch.size(), fcWeightByDim, logitRow);
    }

    /**
     * With background updates, the update thread reads the rows of {@code later} that the batch of the last forward
     * pass did not have into the caches, once it has done its part of the pending update.
     */
    @Override
    public void willRead(DistinctRows later) {
        if (updatesInBackground && backgroundPolicy.background() && !closed) {
            backgroundUpdates.readAhead(embedding, later.newRows(), dim);
        }
    }

    /** With background updates, which only plain SGD makes. */
    @Override
    public boolean usesNeighbouringBatches() {
        return updatesInBackground && !updatedByRule;
    }

    /** Says that an optimizer other than plain SGD updates this model, which then needs no neighbouring batches. */
    void updatedByRule() {
        updatedByRule = true;
    }

    @Override
    public boolean usesDistinctRows() {
        return true;
    }

    @Override
    public void backward(float[] logitGradient) {
        if (lastBatch == null) {
            throw new IllegalStateException("backward needs a forward pass first");
        }
        int rows = lastBatch.size();
        if (logitGradient.length != rows * classes) {
            throw new IllegalArgumentException("logit gradient has " + logitGradient.length + " values, expected "
                    + rows + " x " + classes);
        }
        if (updatePending) {
            // a second backward pass after a step, without a forward pass in between: the step's update goes in first
            applyPendingUpdate(null);
        }
        if (rowGrads == pendingGradients) {
            // the last step's update (maybe in the background) reads this buffer: the new gradients go to the other
            float[] reading = rowGrads;
            rowGrads = spareRowGrads;
            spareRowGrads = reading;
        }
        useGradientSlots(lastRows != null ? lastRows : finder().find(lastBatch));
        Arrays.fill(fcWeightGrad, 0f);
        gradientScale = 1;
        for (int c = 0; c < classes; c++) {
            float biasGrad = 0;
            for (int r = 0; r < rows; r++) {
                biasGrad += logitGradient[r * classes + c];
            }
            fcBiasGrad[c] = biasGrad;
            kernels.addWeightedRows(fcWeightGrad, c * dim, logitGradient, c, classes, lastHidden, 0, dim, rows, dim);
        }
        embeddingGradients(logitGradient, rows);
    }

    /**
     * The embedding gradient of every slot: the gradient of a document's mean ({@code fc.weight^T} times its logit
     * gradient, divided by its length) added to each shared row of its tokens, in order of documents and tokens from
     * zeros; a row that a single token has reads its document's gradient where it is.
     */
    private void embeddingGradients(float[] logitGradient, int rows) {
        DistinctRows.GradientRows layout = gradientSlots.gradientRows();
        int documents = layout.shared() * dim;
        if (rowGrads.length < documents + rows * dim) {
            rowGrads = new float[Math.max(documents + rows * dim, rowGrads.length * 2)];
        }
        Arrays.fill(rowGrads, 0, documents, 0f);
        int[] sharedRows = layout.ofSharedTokens();
        int[] sharedFrom = layout.sharedTokensFrom();
        for (int r = 0; r < rows; r++) {
            int start = lastBatch.start(r);
            int end = lastBatch.end(r);
            if (end == start) {
                continue;
            }
            int document = documents + r * dim;
            Arrays.fill(rowGrads, document, document + dim, 0f);
            kernels.addWeightedRows(rowGrads, document, logitGradient, r * classes, 1, fcWeight, 0, dim, classes, dim);
            kernels.scale(rowGrads, document, 1f / (end - start), dim);
            // + 0 turns a -0 into +0, as adding to a zeroed row does: a single token's row then has the bits it
            // would have had added up
            kernels.add(rowGrads, document, zeroRow, 0, dim);
            kernels.addToRows(rowGrads, sharedRows, sharedFrom[r], sharedFrom[r + 1], rowGrads, document, dim);
        }
    }

    /**
     * Makes {@code rows} the gradient slots of the backward pass under way; {@code slotOfRow} is filled only when an
     * optimizer asks ({@link #slotOf}).
     */
    private void useGradientSlots(DistinctRows rows) {
        if (slotsIndexed) {
            for (int row : gradientSlots.rows()) {
                slotOfRow[row] = -1;
            }
            slotsIndexed = false;
        }
        gradientSlots = rows;
    }

    private DistinctRows.Finder finder() {
        if (finder == null) {
            finder = DistinctRows.Finder.everyRowShared(dims.vocabSize());
        }
        return finder;
    }

    @Override
    public double gradientNorm() {
        double sum = kernels.sumOfSquares(fcWeightGrad, fcWeightGrad.length)
                + kernels.sumOfSquares(fcBiasGrad, fcBiasGrad.length)
                + (gradientSlots == null ? 0 : kernels.sumOfSquaresOfRows(rowGrads,
                        gradientSlots.gradientRows().ofSlot(), touchedCount(), dim));
        return Math.sqrt(sum) * gradientScale;
    }

    @Override
    public void scaleGradients(double factor) {
        gradientScale *= factor;
    }

    /**
     * {@code p -= learningRate * grad} on every parameter, touching only the embedding rows of the last batch; with
     * background updates, after a batch with its distinct rows found beforehand, the embedding's part waits for the
     * next forward pass. The step consumes the gradients: the next call needs a backward pass first.
     */
    void sgdStep(double learningRate) {
        if (updatePending) {
            // a second step without a forward pass in between: the first one's update goes in first
            applyPendingUpdate(null);
        }
        float step = (float) (learningRate * gradientScale);
        kernels.addScaled(fcWeight, 0, -step, fcWeightGrad, 0, fcWeight.length);
        kernels.addScaled(fcBias, 0, -step, fcBiasGrad, 0, fcBias.length);
        if (lastRows != null && updatesInBackground) {
            updatePending = true;
            pendingRows = lastRows;
            pendingFactor = -step;
            pendingGradients = rowGrads;
        } else if (gradientSlots != null) {
            kernels.addScaledRowsTo(embedding, gradientSlots.rows(), inOrder(touchedCount()), 0, touchedCount(), -step,
                    rowGrads, gradientSlots.gradientRows().ofSlot(), dim);
        }
    }

    /**
     * Applies the pending embedding update before a forward pass on the batch with distinct rows {@code next}: the
     * rows that batch reads now, the others in the background (every row at once when {@code next} is null).
     * Waits first for the background update of the batch before, so that every row read is up to date. A model
     * without background updates never has one pending: inference models (shared by concurrent requests) and small
     * tables skip the lock below.
     */
    private void applyPendingUpdate(DistinctRows next) {
        if (updatesInBackground) {
            applyPendingUpdateLocked(next);
        }
    }

    /**
     * {@link #applyPendingUpdate}'s work. Synchronized: {@link #logits} calls it from several threads at once (a
     * parallel evaluation), and only the first applies.
     */
    private synchronized void applyPendingUpdateLocked(DistinctRows next) {
        backgroundUpdates.finish();
        if (!updatePending) {
            return;
        }
        updatePending = false;
        int[] rows = pendingRows.rows();
        int[] gradientRows = pendingRows.gradientRows().ofSlot();
        if (next == null || !next.follows(pendingRows) || !backgroundPolicy.stepStarts(System.nanoTime())) {
            kernels.addScaledRowsTo(embedding, rows, inOrder(rows.length), 0, rows.length, pendingFactor,
                    pendingGradients, gradientRows, dim);
            return;
        }
        int[] now = next.previousSlotsReadAgain();
        int[] later = next.previousSlotsNotReadAgain();
        kernels.addScaledRowsTo(embedding, rows, now, 0, now.length, pendingFactor, pendingGradients, gradientRows,
                dim);
        backgroundUpdates.start(embedding, rows, later, pendingFactor, pendingGradients, gradientRows, dim);
    }

    /** {@code 0, 1, ..., count - 1} (and more). */
    private int[] inOrder(int count) {
        if (slotsInOrder.length < count) {
            slotsInOrder = new int[Math.max(256, count * 2)];
            for (int s = 0; s < slotsInOrder.length; s++) {
                slotsInOrder[s] = s;
            }
        }
        return slotsInOrder;
    }

    // Package-private views for the optimizers of this package (ReferenceOptimizer); never handed out.

    float[] embeddingValues() {
        applyPendingUpdate(null);
        return embedding;
    }

    float[] fcWeightValues() {
        return fcWeight;
    }

    float[] fcBiasValues() {
        return fcBias;
    }

    float[] fcWeightGradient() {
        return fcWeightGrad;
    }

    float[] fcBiasGradient() {
        return fcBiasGrad;
    }

    /** Embedding rows with a gradient from the last backward pass; slot {@code s} holds row {@code touchedRow(s)}. */
    int touchedCount() {
        return gradientSlots == null ? 0 : gradientSlots.rows().length;
    }

    int touchedRow(int slot) {
        return gradientSlots.rows()[slot];
    }

    /** The gradient slot of embedding row {@code row} in the last backward pass, -1 when its gradient is zero. */
    int slotOf(int row) {
        if (!slotsIndexed && gradientSlots != null) {
            int[] rows = gradientSlots.rows();
            for (int s = 0; s < rows.length; s++) {
                slotOfRow[rows[s]] = s;
            }
            slotsIndexed = true;
        }
        return slotOfRow[row];
    }

    /**
     * The embedding gradients of the last backward pass, before {@link #gradientScale()}: that of slot {@code s} is
     * {@code dim} values from {@link #gradientOffset gradientOffset(s)}.
     */
    float[] rowGradients() {
        return rowGrads;
    }

    /** Where the gradient of {@code slot} starts in {@link #rowGradients()}. */
    int gradientOffset(int slot) {
        return gradientSlots.gradientRows().ofSlot()[slot] * dim;
    }

    /** The factor every stored gradient is to be multiplied by (gradient clipping folded in). */
    double gradientScale() {
        return gradientScale;
    }

    @Override
    public void load(StateDict parameters) {
        checkTrainable();
        checkOpen();
        dims.requireFits(parameters);
        applyPendingUpdate(null);
        parameters.get(StateDict.EMBEDDING_WEIGHT).copyInto(embedding);
        parameters.get(StateDict.FC_WEIGHT).copyInto(fcWeight);
        parameters.get(StateDict.FC_BIAS).copyInto(fcBias);
    }

    @Override
    public StateDict stateDict() {
        checkOpen();
        applyPendingUpdate(null);
        return StateDict.of(
                new Tensor(new int[] {dims.vocabSize(), dim}, embedding),
                new Tensor(new int[] {classes, dim}, fcWeight),
                new Tensor(new int[] {classes}, fcBias));
    }

    /** Its own arrays, no copy: the model is closed first, so nothing changes them any more. */
    @Override
    public StateDict takeParameters() {
        close();
        return StateDict.of(
                Tensor.adopting(new int[] {dims.vocabSize(), dim}, embedding),
                Tensor.adopting(new int[] {classes, dim}, fcWeight),
                Tensor.adopting(new int[] {classes}, fcBias));
    }

    @Override
    public void close() {
        if (!closed) {
            try {
                applyPendingUpdate(null);
            } finally {
                closed = true;
                backgroundUpdates.close();
            }
        }
        lastBatch = null;
        lastRows = null;
    }

    private void meanEmbeddings(TokenBatch batch, float[] hidden) {
        int[] ids = batch.tokenIds();
        for (int r = 0; r < batch.size(); r++) {
            kernels.meanOfRows(embedding, ids, batch.start(r), batch.end(r), hidden, r * dim, dim);
        }
    }

    /**
     * {@code hidden [B, D] x fcWeight^T + fcBias} with no shared buffer (inference is thread-safe);
     * sums in the same order as {@link #linear}, so both give the same bits.
     */
    private float[] linearByDotProducts(float[] hidden, int rows) {
        float[] logits = new float[rows * classes];
        for (int r = 0; r < rows; r++) {
            int hiddenBase = r * dim;
            for (int c = 0; c < classes; c++) {
                int weightBase = c * dim;
                float sum = 0;
                for (int k = 0; k < dim; k++) {
                    sum += hidden[hiddenBase + k] * fcWeight[weightBase + k];
                }
                logits[r * classes + c] = sum + fcBias[c];
            }
        }
        return logits;
    }

    /**
     * {@code hidden [B, D] x fcWeight^T + fcBias}, summed over {@code k} in order for every class as a dot product
     * would, but along the classes so that the loop vectorizes: {@code byDim} ({@code [D, paddedClasses]}) gets
     * {@code fcWeight} transposed, {@code logitRow} ({@code paddedClasses}) is scratch.
     */
    private float[] linear(float[] hidden, int rows, float[] byDim, float[] logitRow) {
        for (int c = 0; c < classes; c++) {
            for (int k = 0; k < dim; k++) {
                byDim[k * paddedClasses + c] = fcWeight[c * dim + k];
            }
        }
        float[] logits = new float[rows * classes];
        for (int r = 0; r < rows; r++) {
            Arrays.fill(logitRow, 0f);
            kernels.addWeightedRows(logitRow, 0, hidden, r * dim, 1, byDim, 0, paddedClasses, dim, paddedClasses);
            kernels.add(logitRow, 0, fcBias, 0, classes);
            System.arraycopy(logitRow, 0, logits, r * classes, classes);
        }
        return logits;
    }

    /**
     * Whether SGD steps after batches with their distinct rows may leave most of the embedding update to another core
     * (for tests).
     */
    boolean updatesInBackground() {
        return updatesInBackground;
    }

    /** This model with its pending update applied. */
    private ReferenceModel settled() {
        applyPendingUpdate(null);
        return this;
    }

    /** Whether this is an inference model on shared parameters, which nothing may train. */
    boolean readOnly() {
        return readOnly;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the reference model was closed");
        }
    }

    private void checkTrainable() {
        if (readOnly) {
            throw new IllegalStateException("this reference model is for inference: it reads the parameters of a "
                    + "model it shares them with, and cannot be trained");
        }
    }

    private void checkUsable(TokenBatch batch) {
        checkOpen();
        batch.requireIdsWithin(dims.vocabSize());
    }

}
