package io.textclf.domain.reference;

import io.textclf.domain.model.ComputeBackend;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.train.Optimizer;
import io.textclf.domain.train.OptimizerSpec;

/**
 * The reference backend: plain Java on the heap, single-threaded per model, no native code.
 * Every other backend is tested against it.
 */
public final class ReferenceBackend implements ComputeBackend {

    public static final String NAME = "reference";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TrainableModel trainable(StateDict initial) {
        return new ReferenceModel(initial);
    }

    @Override
    public Optimizer optimizer(OptimizerSpec spec, TrainableModel model) {
        if (!(model instanceof ReferenceModel reference)) {
            throw new IllegalArgumentException("the reference backend optimizes its own models only, got "
                    + model.getClass().getName());
        }
        if (spec instanceof OptimizerSpec.Sgd) {
            return reference::sgdStep;
        }
        if (spec instanceof OptimizerSpec.SgdMomentum momentum) {
            return new ReferenceOptimizer(reference, new MomentumRule(momentum));
        }
        if (spec instanceof OptimizerSpec.Adagrad adagrad) {
            return new ReferenceOptimizer(reference, new AdagradRule(adagrad));
        }
        if (spec instanceof OptimizerSpec.Adam adam) {
            return new ReferenceOptimizer(reference, new AdamRule(adam));
        }
        throw new UnsupportedOperationException("the reference backend has no optimizer " + spec.describe());
    }

    @Override
    public String describe() {
        return "reference (plain Java, " + Runtime.version() + ")";
    }
}
