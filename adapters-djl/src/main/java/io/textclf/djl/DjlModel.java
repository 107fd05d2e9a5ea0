package io.textclf.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;

/**
 * {@code EmbeddingBag(V, D, mode="mean")} + {@code Linear(D, C)} on DJL NDArrays (libtorch), with the
 * parameters in native memory on the runtime's device.
 *
 * <p>The mean bag is a sparse {@code B x U} matrix (see {@link BagBatch}) times the U embedding rows
 * the batch touches; backward is written out by hand, so the embedding gradient holds those U rows only
 * and the SGD step rewrites only them. A step's arrays live in their own sub-manager, freed when the
 * next {@link #forward} starts or the model closes; each {@link #logits} call frees its own. Gradient
 * scaling is folded into a factor applied by {@link #sgdStep}, as in the reference backend.
 */
final class DjlModel implements TrainableModel {

    private final ModelDims dims;
    private final NDManager manager;
    private NDArray embedding;
    private NDArray fcWeight;
    private NDArray fcBias;
    private Step step;
    private volatile boolean closed;

    /** @param manager owns the parameters and every step's memory; closed with this model */
    DjlModel(NDManager manager, StateDict initial) {
        this.dims = initial.dims();
        this.manager = manager;
        this.embedding = upload(initial.get(StateDict.EMBEDDING_WEIGHT));
        this.fcWeight = upload(initial.get(StateDict.FC_WEIGHT));
        this.fcBias = upload(initial.get(StateDict.FC_BIAS));
    }

    @Override
    public ModelDims dims() {
        return dims;
    }

    /** Thread-safe: reads the parameters only, in a manager of its own. */
    @Override
    public float[] logits(TokenBatch batch) {
        checkUsable(batch);
        try (NDManager scope = manager.newSubManager()) {
            return linear(hidden(scope, BagBatch.of(batch), null)).toFloatArray();
        }
    }

    @Override
    public float[] forward(TokenBatch batch) {
        checkUsable(batch);
        closeStep();
        NDManager scope = manager.newSubManager();
        step = new Step(scope, BagBatch.of(batch));
        step.hidden = hidden(scope, step.bag, step);
        return linear(step.hidden).toFloatArray();
    }

    @Override
    public void backward(float[] logitGradient) {
        checkOpen();
        if (step == null) {
            throw new IllegalStateException("backward needs a forward pass first");
        }
        int rows = step.bag.documents();
        int classes = dims.numClasses();
        if (logitGradient.length != rows * classes) {
            throw new IllegalArgumentException("logit gradient has " + logitGradient.length + " values, expected "
                    + rows + " x " + classes);
        }
        step.clearGradients();
        NDManager scope = step.scope;
        NDArray g = scope.create(logitGradient, new Shape(rows, classes));
        step.fcWeightGrad = g.transpose().matMul(step.hidden);
        step.fcBiasGrad = g.sum(new int[] {0});
        if (step.bag.distinctRows() > 0) {
            BagBatch bag = step.bag;
            NDArray transposedBag = sparse(scope, bag.weights(), bag.slotOf(), bag.documentOf(),
                    new Shape(bag.distinctRows(), rows));
            step.rowGrad = transposedBag.matMul(g.matMul(fcWeight));
        }
    }

    @Override
    public double gradientNorm() {
        checkOpen();
        if (step == null || step.fcWeightGrad == null) {
            return 0;
        }
        if (Double.isNaN(step.unscaledNorm)) {
            NDList norms = new NDList(step.fcWeightGrad.norm(), step.fcBiasGrad.norm());
            if (step.rowGrad != null) {
                norms.add(step.rowGrad.norm());
            }
            double sum = 0;
            for (float norm : NDArrays.stack(norms).toFloatArray()) {
                sum += (double) norm * norm;
            }
            step.unscaledNorm = Math.sqrt(sum);
        }
        return step.unscaledNorm * step.gradientScale;
    }

    @Override
    public void scaleGradients(double factor) {
        checkOpen();
        if (step != null) {
            step.gradientScale *= factor;
        }
    }

    /**
     * PyTorch's {@code SGD} step, {@code p -= learningRate * grad}, on every parameter, rewriting only
     * the embedding rows of the last batch.
     */
    void sgdStep(double learningRate) {
        checkOpen();
        if (step == null || step.fcWeightGrad == null) {
            throw new IllegalStateException("an optimizer step needs a backward pass first");
        }
        float rate = (float) (learningRate * step.gradientScale);
        fcWeight.subi(step.fcWeightGrad.mul(rate));
        fcBias.subi(step.fcBiasGrad.mul(rate));
        if (step.rowGrad != null) {
            NDArray current = gather(step.rowIds);
            embedding.set(new NDIndex("{}", step.rowIds), current.sub(step.rowGrad.mul(rate)));
        }
    }

    @Override
    public void load(StateDict parameters) {
        checkOpen();
        dims.requireFits(parameters);
        NDArray[] old = {embedding, fcWeight, fcBias};
        embedding = upload(parameters.get(StateDict.EMBEDDING_WEIGHT));
        fcWeight = upload(parameters.get(StateDict.FC_WEIGHT));
        fcBias = upload(parameters.get(StateDict.FC_BIAS));
        for (NDArray array : old) {
            array.close();
        }
    }

    @Override
    public StateDict stateDict() {
        checkOpen();
        return StateDict.of(download(embedding), download(fcWeight), download(fcBias));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            step = null;
            manager.close();
        }
    }

    /** {@code [B, D]} mean embeddings, in {@code scope}; remembers the gathered row ids in {@code step} if given. */
    private NDArray hidden(NDManager scope, BagBatch bag, Step remember) {
        if (bag.distinctRows() == 0) {
            return scope.zeros(new Shape(bag.documents(), dims.embeddingDim()));
        }
        NDArray rowIds = scope.create(bag.rows());
        if (remember != null) {
            remember.rowIds = rowIds;
        }
        NDArray rows = gather(rowIds);
        NDArray bagMatrix = sparse(scope, bag.weights(), bag.documentOf(), bag.slotOf(),
                new Shape(bag.documents(), bag.distinctRows()));
        return bagMatrix.matMul(rows);
    }

    /**
     * The COO matrix of {@code shape} with {@code values[k]} at {@code (rowIndex[k], columnIndex[k])}, in
     * {@code scope}. libtorch's sparse tensor keeps the index and value tensors without copying them, and DJL
     * makes those over direct buffers that live only as long as their arrays: they stay open in {@code scope}
     * until it closes. ({@code NDManager.createCoo} closes them at once, so the collector could free the
     * buffers before the product reads them.)
     */
    private static NDArray sparse(NDManager scope, float[] values, long[] rowIndex, long[] columnIndex, Shape shape) {
        NDArray indices = scope.create(new long[][] {rowIndex, columnIndex});
        NDArray weights = scope.create(values);
        return JniUtils.createSparseCoo((PtNDArray) indices, (PtNDArray) weights, shape);
    }

    /** {@code embedding.weight[rowIds]}, {@code [U, D]}, in rowIds' manager (libtorch's embedding, an index_select). */
    private NDArray gather(NDArray rowIds) {
        return Embedding.embedding(rowIds, embedding, SparseFormat.DENSE).singletonOrThrow();
    }

    /** {@code hidden @ fc.weight^T + fc.bias}, in hidden's manager. */
    private NDArray linear(NDArray hidden) {
        return Linear.linear(hidden, fcWeight, fcBias).singletonOrThrow();
    }

    private NDArray upload(Tensor tensor) {
        int[] shape = tensor.shape();
        long[] longShape = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            longShape[i] = shape[i];
        }
        return manager.create(tensor.values(), new Shape(longShape));
    }

    private static Tensor download(NDArray array) {
        long[] shape = array.getShape().getShape();
        int[] intShape = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            intShape[i] = Math.toIntExact(shape[i]);
        }
        return new Tensor(intShape, array.toFloatArray());
    }

    private void checkUsable(TokenBatch batch) {
        checkOpen();
        batch.requireIdsWithin(dims.vocabSize());
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this DJL model is closed");
        }
    }

    private void closeStep() {
        if (step != null) {
            step.scope.close();
            step = null;
        }
    }

    /** What one training step keeps between forward, backward, clipping and the optimizer; all in {@code scope}. */
    private static final class Step {
        final NDManager scope;
        final BagBatch bag;
        NDArray rowIds;
        NDArray hidden;
        NDArray fcWeightGrad;
        NDArray fcBiasGrad;
        NDArray rowGrad;
        double unscaledNorm = Double.NaN;
        double gradientScale = 1;

        Step(NDManager scope, BagBatch bag) {
            this.scope = scope;
            this.bag = bag;
        }

        void clearGradients() {
            fcWeightGrad = null;
            fcBiasGrad = null;
            rowGrad = null;
            unscaledNorm = Double.NaN;
            gradientScale = 1;
        }
    }
}
