package io.textclf.domain.reference;

import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.train.Optimizer;
import io.textclf.domain.train.OptimizerState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stateful PyTorch update rule ({@link UpdateRule}) applied to a {@link ReferenceModel} with
 * PyTorch's dense-gradient semantics: an embedding row that the batch did not touch has gradient
 * zero, yet it still moves when the rule says so.
 *
 * <p>Which embedding rows are visited each step, all exactly as the dense rule:
 * <ul>
 *   <li>with weight decay, every row (the decayed gradient {@code wd * p} is non-zero everywhere);</li>
 *   <li>when a zero gradient leaves a row and its state unchanged (Adagrad, or SGD without momentum),
 *       only the rows of the batch;</li>
 *   <li>otherwise (momentum, Adam) every row touched at least once so far: a row never touched has
 *       all-zero buffers, and the rule leaves such a row exactly as it is.</li>
 * </ul>
 */
final class ReferenceOptimizer implements Optimizer {

    private static final String[] PARAMETERS = {StateDict.EMBEDDING_WEIGHT, StateDict.FC_WEIGHT, StateDict.FC_BIAS};

    private final ReferenceModel model;
    private final UpdateRule rule;
    private final int dim;
    private final int vocab;
    private final boolean[] active;
    private int[] activeRows = new int[256];
    private int activeCount;
    private long steps;

    ReferenceOptimizer(ReferenceModel model, UpdateRule rule) {
        this.model = model;
        this.rule = rule;
        this.dim = model.dims().embeddingDim();
        this.vocab = model.dims().vocabSize();
        this.active = new boolean[vocab];
        rule.allocate(new int[] {model.embeddingValues().length, model.fcWeightValues().length,
            model.fcBiasValues().length});
    }

    @Override
    public void step(double learningRate) {
        steps++;
        rule.begin(steps, learningRate);
        float scale = (float) model.gradientScale();
        rule.update(UpdateRule.FC_WEIGHT, model.fcWeightValues(), 0, model.fcWeightGradient(), 0, scale,
                model.fcWeightValues().length);
        rule.update(UpdateRule.FC_BIAS, model.fcBiasValues(), 0, model.fcBiasGradient(), 0, scale,
                model.fcBiasValues().length);
        float[] embedding = model.embeddingValues();
        float[] rowGradients = model.rowGradients();
        int touched = model.touchedCount();
        if (rule.everyRowMoves()) {
            for (int row = 0; row < vocab; row++) {
                updateRow(embedding, rowGradients, row, scale);
            }
        } else if (rule.zeroGradientIsNoOp()) {
            // last slot first, as RowKernels.addScaledRowsTo: the rows the forward pass read last are still cached
            for (int slot = touched - 1; slot >= 0; slot--) {
                rule.update(UpdateRule.EMBEDDING, embedding, model.touchedRow(slot) * dim, rowGradients,
                        model.gradientOffset(slot), scale, dim);
            }
        } else {
            for (int slot = 0; slot < touched; slot++) {
                activate(model.touchedRow(slot));
            }
            for (int i = 0; i < activeCount; i++) {
                updateRow(embedding, rowGradients, activeRows[i], scale);
            }
        }
    }

    private void updateRow(float[] embedding, float[] rowGradients, int row, float scale) {
        int slot = model.slotOf(row);
        if (slot >= 0) {
            rule.update(UpdateRule.EMBEDDING, embedding, row * dim, rowGradients, model.gradientOffset(slot), scale,
                    dim);
        } else {
            rule.update(UpdateRule.EMBEDDING, embedding, row * dim, null, 0, 0f, dim);
        }
    }

    private void activate(int row) {
        if (!active[row]) {
            active[row] = true;
            if (activeCount == activeRows.length) {
                activeRows = Arrays.copyOf(activeRows, activeCount * 2);
            }
            activeRows[activeCount++] = row;
        }
    }

    @Override
    public OptimizerState state() {
        Map<String, Tensor> buffers = new LinkedHashMap<>();
        StateDict shapes = model.stateDict();
        for (int group = 0; group < PARAMETERS.length; group++) {
            int[] shape = shapes.get(PARAMETERS[group]).shape();
            List<String> names = rule.bufferNames();
            for (int b = 0; b < names.size(); b++) {
                buffers.put(PARAMETERS[group] + "." + names.get(b), new Tensor(shape, rule.buffer(group, b)));
            }
        }
        return new OptimizerState(steps, buffers);
    }

    @Override
    public void load(OptimizerState state) {
        List<String> expected = new ArrayList<>();
        for (String parameter : PARAMETERS) {
            for (String name : rule.bufferNames()) {
                expected.add(parameter + "." + name);
            }
        }
        if (!expected.equals(new ArrayList<>(state.buffers().keySet()))) {
            throw new IllegalArgumentException("optimizer state holds " + state.buffers().keySet() + ", this "
                    + rule.describe() + " optimizer needs " + expected);
        }
        for (int group = 0; group < PARAMETERS.length; group++) {
            for (int b = 0; b < rule.bufferNames().size(); b++) {
                Tensor tensor = state.buffers().get(PARAMETERS[group] + "." + rule.bufferNames().get(b));
                float[] target = rule.buffer(group, b);
                if (tensor.size() != target.length) {
                    throw new IllegalArgumentException("optimizer buffer " + PARAMETERS[group] + "."
                            + rule.bufferNames().get(b) + " has " + tensor.size() + " values, the model needs "
                            + target.length);
                }
                tensor.copyInto(target);
            }
        }
        steps = state.steps();
        Arrays.fill(active, false);
        activeCount = 0;
        for (int row = 0; row < vocab; row++) {
            if (rule.hasState(UpdateRule.EMBEDDING, row * dim, dim)) {
                activate(row);
            }
        }
    }
}
