package io.textclf.domain.reference;

import io.textclf.domain.train.OptimizerSpec;
import java.util.List;

/**
 * PyTorch 1.13's {@code SGD} with momentum, dampening, weight decay and Nesterov
 * ({@code torch/optim/sgd.py}, {@code _single_tensor_sgd}).
 */
final class MomentumRule extends UpdateRule {

    private final OptimizerSpec.SgdMomentum spec;
    private final float momentum;
    private final float oneMinusDampening;
    private final float weightDecay;
    private boolean firstStep;
    private float negativeLearningRate;

    MomentumRule(OptimizerSpec.SgdMomentum spec) {
        this.spec = spec;
        this.momentum = (float) spec.momentum();
        this.oneMinusDampening = (float) (1 - spec.dampening());
        this.weightDecay = (float) spec.weightDecay();
    }

    @Override
    List<String> bufferNames() {
        return spec.momentum() == 0 ? List.of() : List.of("momentum_buffer");
    }

    @Override
    boolean everyRowMoves() {
        return spec.weightDecay() != 0;
    }

    @Override
    boolean zeroGradientIsNoOp() {
        return spec.momentum() == 0 && spec.weightDecay() == 0;
    }

    @Override
    String describe() {
        return spec.describe();
    }

    @Override
    void begin(long step, double learningRate) {
        firstStep = step == 1;
        negativeLearningRate = (float) -learningRate;
    }

    @Override
    void update(int group, float[] parameter, int offset, float[] gradient, int gradientOffset, float gradientScale,
                int length) {
        float[] buffer = spec.momentum() == 0 ? null : buffer(group, 0);
        for (int i = 0; i < length; i++) {
            int at = offset + i;
            float p = parameter[at];
            float d = gradientAt(gradient, gradientOffset + i, gradientScale);
            if (weightDecay != 0) {
                d = d + weightDecay * p;
            }
            if (buffer != null) {
                float b = firstStep ? d : buffer[at] * momentum + oneMinusDampening * d;
                buffer[at] = b;
                d = spec.nesterov() ? d + momentum * b : b;
            }
            parameter[at] = p + negativeLearningRate * d;
        }
    }
}
