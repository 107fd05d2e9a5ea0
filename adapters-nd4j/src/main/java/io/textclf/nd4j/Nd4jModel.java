package io.textclf.nd4j;

import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code EmbeddingBag(V, D, mode="mean")} + {@code Linear(D, C)} on ND4J arrays in native memory, with
 * the backward pass written out by hand as the reference backend computes it.
 *
 * <p>Parameters: {@code embedding [V, D]}, and {@code fc}, one block of {@code C*D + C} floats holding
 * {@code fc.weight [C, D]} then {@code fc.bias [C]}, so that the linear layer's share of the gradient norm
 * and of the SGD update is one native call each. A training step makes a dozen native calls whatever the
 * batch: {@code gather} of the batch's U distinct embedding rows, the mean as a {@code [B, U] x [U, D]}
 * product with the bag matrix ({@link Bag}), the linear layer; backward three products; the norm two dot
 * products; SGD one {@code axpy} and an in-place update of the U touched rows. Temporary arrays live in
 * {@link NativeBuffer}s reused from step to step, so native memory stays flat.
 *
 * <p>{@link #logits} only reads the parameters and uses arrays of its own, freed before it returns: it is
 * thread-safe. Training ({@link #forward} to the optimizer's step) is for one thread.
 */
final class Nd4jModel implements TrainableModel {

    /** Documents per native pass in {@link #logits}: bounds the dense bag matrix at {@code 256 x U}. */
    static final int LOGITS_CHUNK = 256;

    private final ModelDims dims;
    private final int dim;
    private final int classes;
    private final int fcWeightSize;
    private final INDArray embedding;
    private final INDArray fc;
    private final INDArray fcWeight;
    private final INDArray fcBias;

    private final NativeBuffer bagBuffer = new NativeBuffer(DataType.FLOAT);
    private final NativeBuffer rowsBuffer = new NativeBuffer(DataType.FLOAT);
    private final NativeBuffer hiddenBuffer = new NativeBuffer(DataType.FLOAT);
    private final NativeBuffer logitsBuffer = new NativeBuffer(DataType.FLOAT);
    private final NativeBuffer hiddenGradBuffer = new NativeBuffer(DataType.FLOAT);
    private final NativeBuffer rowGradBuffer = new NativeBuffer(DataType.FLOAT);
    private final NativeBuffer indexBuffer = new NativeBuffer(DataType.INT32);
    private final INDArray fcGrad;
    private final INDArray fcWeightGrad;
    private final INDArray fcBiasGrad;

    private final int[] slotOfRow;
    private final Bag trainingBag = new Bag();
    private Bag lastBag;
    private INDArray lastBagMatrix;
    private INDArray lastHidden;
    private INDArray rowGrad;
    private boolean hasGradients;
    private double gradientScale = 1;
    /** Read-locked by {@link #logits} and {@link #stateDict}, write-locked by {@link #close}. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    Nd4jModel(StateDict parameters) {
        this.dims = parameters.dims();
        this.dim = dims.embeddingDim();
        this.classes = dims.numClasses();
        this.fcWeightSize = classes * dim;
        this.slotOfRow = new int[dims.vocabSize()];
        Arrays.fill(slotOfRow, -1);
        this.embedding = Nd4j.createUninitializedDetached(DataType.FLOAT, dims.vocabSize(), dim);
        this.fc = Nd4j.createUninitializedDetached(DataType.FLOAT, fcWeightSize + classes);
        this.fcWeight = Nd4j.create(fc.data(), new long[] {classes, dim}, new long[] {dim, 1}, 0, 'c', DataType.FLOAT);
        this.fcBias = Nd4j.create(fc.data(), new long[] {classes}, new long[] {1}, fcWeightSize, 'c', DataType.FLOAT);
        this.fcGrad = Nd4j.zeros(DataType.FLOAT, fcWeightSize + classes);
        this.fcWeightGrad = Nd4j.create(fcGrad.data(), new long[] {classes, dim}, new long[] {dim, 1}, 0, 'c',
                DataType.FLOAT);
        this.fcBiasGrad = Nd4j.create(fcGrad.data(), new long[] {classes}, new long[] {1}, fcWeightSize, 'c',
                DataType.FLOAT);
        load(parameters);
    }

    @Override
    public ModelDims dims() {
        return dims;
    }

    @Override
    public float[] logits(TokenBatch batch) {
        checkIds(batch);
        lifecycle.readLock().lock();
        try {
            checkOpen();
            return chunkedLogits(batch);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private float[] chunkedLogits(TokenBatch batch) {
        float[] logits = new float[batch.size() * classes];
        try (NativeBuffer bags = new NativeBuffer(DataType.FLOAT);
             NativeBuffer rows = new NativeBuffer(DataType.FLOAT);
             NativeBuffer hidden = new NativeBuffer(DataType.FLOAT);
             NativeBuffer out = new NativeBuffer(DataType.FLOAT);
             NativeBuffer indices = new NativeBuffer(DataType.INT32)) {
            for (int from = 0; from < batch.size(); from += LOGITS_CHUNK) {
                int to = Math.min(batch.size(), from + LOGITS_CHUNK);
                Bag bag = Bag.of(batch, from, to);
                INDArray h = meanEmbeddings(bag, indices, bags, rows, hidden);
                INDArray z = linear(h, out);
                z.data().asNioFloat().get(logits, from * classes, (to - from) * classes);
            }
        }
        return logits;
    }

    @Override
    public float[] forward(TokenBatch batch) {
        checkOpen();
        checkIds(batch);
        Bag bag = trainingBag.fill(batch, 0, batch.size(), slotOfRow);
        lastBag = bag;
        hasGradients = false;
        if (bag.documents() == 0) {
            return new float[0];
        }
        lastHidden = meanEmbeddings(bag, indexBuffer, bagBuffer, rowsBuffer, hiddenBuffer);
        lastBagMatrix = bag.distinct() == 0 ? null : bagBuffer.matrix(bag.documents(), bag.distinct());
        INDArray z = linear(lastHidden, logitsBuffer);
        float[] logits = new float[bag.documents() * classes];
        z.data().asNioFloat().get(logits, 0, logits.length);
        return logits;
    }

    @Override
    public void backward(float[] logitGradient) {
        checkOpen();
        if (lastBag == null) {
            throw new IllegalStateException("backward needs a forward pass first");
        }
        int documents = lastBag.documents();
        if (logitGradient.length != documents * classes) {
            throw new IllegalArgumentException("logit gradient has " + logitGradient.length + " values, expected "
                    + documents + " x " + classes);
        }
        gradientScale = 1;
        hasGradients = true;
        rowGrad = null;
        if (documents == 0) {
            fcGrad.assign(0);
            return;
        }
        INDArray g = logitsBuffer.matrixOf(logitGradient, documents, classes);
        Nd4j.gemm(g, lastHidden, fcWeightGrad, true, false, 1.0, 0.0);
        g.sum(fcBiasGrad, 0);
        if (lastBag.distinct() == 0) {
            return;
        }
        INDArray hiddenGrad = hiddenGradBuffer.matrix(documents, dim);
        Nd4j.gemm(g, fcWeight, hiddenGrad, false, false, 1.0, 0.0);
        rowGrad = rowGradBuffer.matrix(lastBag.distinct(), dim);
        Nd4j.gemm(lastBagMatrix, hiddenGrad, rowGrad, true, false, 1.0, 0.0);
    }

    @Override
    public double gradientNorm() {
        checkGradients();
        double sum = Nd4j.getBlasWrapper().dot(fcGrad, fcGrad);
        if (rowGrad != null) {
            sum += Nd4j.getBlasWrapper().dot(rowGrad, rowGrad);
        }
        return Math.sqrt(sum) * gradientScale;
    }

    @Override
    public void scaleGradients(double factor) {
        checkGradients();
        gradientScale *= factor;
    }

    /**
     * {@code p -= learningRate * grad} on every parameter, touching only the embedding rows of the last batch:
     * one {@code axpy} for the linear layer, and a row-by-row update of the gathered rows in place in the
     * embedding's native buffer (libnd4j's {@code scatter_add} costs about 0.6 microseconds per row, ten times
     * this loop; see docs/backends.md).
     */
    void sgdStep(double learningRate) {
        checkGradients();
        double step = learningRate * gradientScale;
        Nd4j.getBlasWrapper().level1().axpy(fc.length(), -step, fcGrad, fc);
        if (rowGrad != null) {
            float factor = (float) -step;
            FloatBuffer table = embedding.data().asNioFloat();
            FloatBuffer grads = rowGrad.data().asNioFloat();
            for (int slot = 0; slot < lastBag.distinct(); slot++) {
                int row = lastBag.row(slot) * dim;
                int grad = slot * dim;
                for (int k = 0; k < dim; k++) {
                    table.put(row + k, table.get(row + k) + factor * grads.get(grad + k));
                }
            }
        }
    }

    @Override
    public void load(StateDict parameters) {
        checkOpen();
        dims.requireFits(parameters);
        embedding.data().asNioFloat().put(parameters.get(StateDict.EMBEDDING_WEIGHT).values());
        var fcValues = fc.data().asNioFloat();
        fcValues.put(parameters.get(StateDict.FC_WEIGHT).values());
        fcValues.put(parameters.get(StateDict.FC_BIAS).values());
    }

    @Override
    public StateDict stateDict() {
        lifecycle.readLock().lock();
        try {
            checkOpen();
            return copyParameters();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private StateDict copyParameters() {
        float[] embeddingValues = new float[dims.vocabSize() * dim];
        embedding.data().asNioFloat().get(embeddingValues);
        float[] weightValues = new float[fcWeightSize];
        float[] biasValues = new float[classes];
        var fcValues = fc.data().asNioFloat();
        fcValues.get(weightValues);
        fcValues.get(biasValues);
        return StateDict.of(
                new Tensor(new int[] {dims.vocabSize(), dim}, embeddingValues),
                new Tensor(new int[] {classes, dim}, weightValues),
                new Tensor(new int[] {classes}, biasValues));
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                free();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void free() {
        lastBag = null;
        lastHidden = null;
        lastBagMatrix = null;
        rowGrad = null;
        for (NativeBuffer buffer : new NativeBuffer[] {bagBuffer, rowsBuffer, hiddenBuffer, logitsBuffer,
                hiddenGradBuffer, rowGradBuffer, indexBuffer}) {
            buffer.close();
        }
        embedding.close();
        fc.close();
        fcGrad.close();
    }

    /** {@code bag x embedding[bag.rows()]}: the mean embedding of each document, {@code [B, D]}. */
    private INDArray meanEmbeddings(Bag bag, NativeBuffer indices, NativeBuffer bags, NativeBuffer rows,
                                    NativeBuffer hidden) {
        INDArray h = hidden.matrix(bag.documents(), dim);
        if (bag.distinct() == 0) {
            return h.assign(0);
        }
        INDArray gathered = rows.matrix(bag.distinct(), dim);
        Nd4j.exec(DynamicCustomOp.builder("gather")
                .addInputs(embedding, indices.vectorOf(bag.rowArray(), bag.distinct()))
                .addIntegerArguments(0)
                .addOutputs(gathered)
                .build());
        INDArray matrix = bags.matrix(bag.documents(), bag.distinct()).assign(0);
        bag.addTo(bags.floats());
        Nd4j.gemm(matrix, gathered, h, false, false, 1.0, 0.0);
        return h;
    }

    /** {@code hidden x fc.weight^T + fc.bias}, {@code [B, C]}. */
    private INDArray linear(INDArray hidden, NativeBuffer out) {
        INDArray z = out.matrix(hidden.rows(), classes);
        Nd4j.gemm(hidden, fcWeight, z, false, true, 1.0, 0.0);
        return z.addiRowVector(fcBias);
    }

    private void checkIds(TokenBatch batch) {
        batch.requireIdsWithin(dims.vocabSize());
    }

    private void checkGradients() {
        checkOpen();
        if (!hasGradients) {
            throw new IllegalStateException("no gradients: call forward and backward first");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the nd4j model was closed");
        }
    }
}
