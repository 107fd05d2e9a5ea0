package io.textclf.domain.reference;

import io.textclf.domain.train.OptimizerSpec;
import java.util.List;

/** PyTorch 1.13's {@code Adam} without AMSGrad ({@code torch/optim/adam.py}, {@code _single_tensor_adam}). */
final class AdamRule extends UpdateRule {

    private final OptimizerSpec.Adam spec;
    private final float beta1;
    private final float beta2;
    private final float oneMinusBeta1;
    private final float oneMinusBeta2;
    private final float weightDecay;
    private final float eps;
    private float negativeStepSize;
    private float biasCorrection2Sqrt;

    AdamRule(OptimizerSpec.Adam spec) {
        this.spec = spec;
        this.beta1 = (float) spec.beta1();
        this.beta2 = (float) spec.beta2();
        this.oneMinusBeta1 = (float) (1 - spec.beta1());
        this.oneMinusBeta2 = (float) (1 - spec.beta2());
        this.weightDecay = (float) spec.weightDecay();
        this.eps = (float) spec.eps();
    }

    @Override
    List<String> bufferNames() {
        return List.of("exp_avg", "exp_avg_sq");
    }

    @Override
    boolean everyRowMoves() {
        return spec.weightDecay() != 0;
    }

    @Override
    boolean zeroGradientIsNoOp() {
        return false;
    }

    @Override
    String describe() {
        return spec.describe();
    }

    @Override
    void begin(long step, double learningRate) {
        double biasCorrection1 = 1 - Math.pow(spec.beta1(), step);
        double biasCorrection2 = 1 - Math.pow(spec.beta2(), step);
        negativeStepSize = (float) -(learningRate / biasCorrection1);
        biasCorrection2Sqrt = (float) Math.sqrt(biasCorrection2);
    }

    @Override
    void update(int group, float[] parameter, int offset, float[] gradient, int gradientOffset, float gradientScale,
                int length) {
        float[] expAvg = buffer(group, 0);
        float[] expAvgSq = buffer(group, 1);
        for (int i = 0; i < length; i++) {
            int at = offset + i;
            float p = parameter[at];
            float g = gradientAt(gradient, gradientOffset + i, gradientScale);
            if (weightDecay != 0) {
                g = g + weightDecay * p;
            }
            float m = expAvg[at] * beta1 + oneMinusBeta1 * g;
            float v = expAvgSq[at] * beta2 + oneMinusBeta2 * g * g;
            expAvg[at] = m;
            expAvgSq[at] = v;
            float denominator = (float) Math.sqrt(v) / biasCorrection2Sqrt + eps;
            parameter[at] = p + negativeStepSize * m / denominator;
        }
    }
}
