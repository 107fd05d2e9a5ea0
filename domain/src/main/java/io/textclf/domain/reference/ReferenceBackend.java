package io.textclf.domain.reference;

import io.textclf.domain.backend.ComputeBackend;
import io.textclf.domain.model.Model;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.train.Optimizer;
import io.textclf.domain.train.OptimizerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference backend: plain Java on the heap, single-threaded per model, no native code.
 * Every other backend is tested against it.
 */
public final class ReferenceBackend implements ComputeBackend {

    public static final String NAME = "reference";

    private final RowKernels kernels;
    /** Embedding tables of this many bytes or more are trained with background updates. */
    private final long backgroundUpdatesFromBytes;
    /** Windows of steps at the start of a training run without background updates. */
    private final int backgroundWarmUp;

    /**
     * A backend on the fastest kernels this JVM offers ({@link RowKernels#BEST}), which start getting ready
     * (compiled) in the background now, while the caller reads its data.
     */
    public ReferenceBackend() {
        this(RowKernels.BEST);
    }

    ReferenceBackend(RowKernels kernels) {
        this(kernels, ReferenceModel.BACKGROUND_UPDATES_FROM_BYTES, BackgroundUpdatePolicy.WARM_UP);
    }

    /**
     * A backend whose models update tables of {@code backgroundUpdatesFromBytes} or more in the background, after
     * {@code backgroundWarmUp} windows of steps (tests).
     */
    ReferenceBackend(RowKernels kernels, long backgroundUpdatesFromBytes, int backgroundWarmUp) {
        this.kernels = kernels;
        this.backgroundUpdatesFromBytes = backgroundUpdatesFromBytes;
        this.backgroundWarmUp = backgroundWarmUp;
        kernels.warmUp();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TrainableModel trainable(StateDict initial) {
        return new ReferenceModel(initial, kernels, backgroundUpdatesFromBytes,
                new BackgroundUpdatePolicy(backgroundWarmUp));
    }

    /** A model that trains on the arrays of {@code initial} themselves, which the caller hands over. */
    @Override
    public TrainableModel trainableTakingOver(StateDict initial) {
        return ReferenceModel.takingOver(initial, kernels, backgroundUpdatesFromBytes,
                new BackgroundUpdatePolicy(backgroundWarmUp));
    }

    /** An inference model on the arrays of {@code parameters} themselves: no second copy of a loaded model. */
    @Override
    public Model inference(StateDict parameters) {
        return ReferenceModel.readingShared(parameters, kernels);
    }

    /** Hogwild workers: each reads and updates the very arrays of {@code model}, without locks. */
    @Override
    public List<TrainableModel> sharingParameters(TrainableModel model, int count) {
        ReferenceModel shared = own(model);
        List<TrainableModel> workers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            workers.add(new ReferenceModel(shared));
        }
        return workers;
    }

    @Override
    public Optimizer optimizer(OptimizerSpec spec, TrainableModel model) {
        ReferenceModel reference = own(model);
        if (spec instanceof OptimizerSpec.Sgd) {
            return reference::sgdStep;
        }
        reference.updatedByRule();
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

    private static ReferenceModel own(TrainableModel model) {
        if (!(model instanceof ReferenceModel reference)) {
            throw new IllegalArgumentException("the reference backend works on its own models only, got "
                    + model.getClass().getName());
        }
        if (reference.readOnly()) {
            throw new IllegalArgumentException("an inference model of the reference backend reads parameters it "
                    + "shares with its model file: it cannot be trained");
        }
        return reference;
    }

    @Override
    public String describe() {
        return "reference (plain Java, " + Runtime.version() + ", " + kernels.describe() + " kernels)";
    }
}
