package io.textclf.domain.reference;

import io.textclf.domain.train.OptimizerSpec;
import java.util.List;

/** PyTorch 1.13's {@code Adagrad} on a dense gradient ({@code torch/optim/adagrad.py}, {@code _single_tensor_adagrad}). */
final class AdagradRule extends UpdateRule {

    private final OptimizerSpec.Adagrad spec;
    private final float weightDecay;
    private final float eps;
    private float negativeClr;

    AdagradRule(OptimizerSpec.Adagrad spec) {
        this.spec = spec;
        this.weightDecay = (float) spec.weightDecay();
        this.eps = (float) spec.eps();
    }

    @Override
    List<String> bufferNames() {
        return List.of("sum");
    }

    @Override
    float initialValue(int buffer) {
        return (float) spec.initialAccumulatorValue();
    }

    @Override
    boolean everyRowMoves() {
        return spec.weightDecay() != 0;
    }

    @Override
    boolean zeroGradientIsNoOp() {
        return spec.weightDecay() == 0;
    }

    @Override
    String describe() {
        return spec.describe();
    }

    @Override
    void begin(long step, double learningRate) {
        negativeClr = (float) -(learningRate / (1 + (step - 1) * spec.lrDecay()));
    }

    @Override
    void update(int group, float[] parameter, int offset, float[] gradient, int gradientOffset, float gradientScale,
                int length) {
        float[] sum = buffer(group, 0);
        for (int i = 0; i < length; i++) {
            int at = offset + i;
            float p = parameter[at];
            float g = gradientAt(gradient, gradientOffset + i, gradientScale);
            if (weightDecay != 0) {
                g = g + weightDecay * p;
            }
            float s = sum[at] + g * g;
            sum[at] = s;
            float std = (float) Math.sqrt(s) + eps;
            parameter[at] = p + negativeClr * g / std;
        }
    }
}
