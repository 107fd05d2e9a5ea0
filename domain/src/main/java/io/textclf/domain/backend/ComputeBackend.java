package io.textclf.domain.backend;

import io.textclf.domain.model.Model;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.train.Optimizer;
import io.textclf.domain.train.OptimizerSpec;
import java.util.List;

/**
 * Port: a compute backend (plain Java, ND4J, DJL/PyTorch, ...) that builds models and optimizers
 * on its own memory. Backends are looked up by {@link #name()}; every backend gives the same
 * results from the same parameters and batches, within float rounding.
 */
public interface ComputeBackend {

    /** Short lower-case name used in configuration, e.g. {@code reference}, {@code nd4j}, {@code djl}. */
    String name();

    /** A model for training that starts from {@code initial}; the caller closes it. */
    TrainableModel trainable(StateDict initial);

    /**
     * As {@link #trainable}, for parameters the caller hands over: nothing reads the values of {@code initial}
     * afterwards (its shapes only), so a backend that trains on heap arrays may train on its very arrays
     * instead of copying them (a model's worth of memory less). The others copy, as {@link #trainable} does.
     */
    default TrainableModel trainableTakingOver(StateDict initial) {
        return trainable(initial);
    }

    /** A model for inference on {@code parameters}; the caller closes it. */
    default Model inference(StateDict parameters) {
        return trainable(parameters);
    }

    /**
     * An optimizer that updates {@code model}'s parameters from the gradients of its last backward pass.
     *
     * @throws UnsupportedOperationException when this backend does not implement {@code spec}
     */
    Optimizer optimizer(OptimizerSpec spec, TrainableModel model);

    /**
     * Models that share {@code model}'s parameters, each with gradients of its own, for lock-free
     * parallel SGD (Hogwild): a step of one updates the parameters every other one reads.
     *
     * @throws UnsupportedOperationException when this backend trains on one thread only
     */
    default List<TrainableModel> sharingParameters(TrainableModel model, int count) {
        throw new UnsupportedOperationException("the " + name() + " backend trains on one thread: more than one "
                + "training thread needs the reference backend");
    }

    /** One line describing where this backend computes (device, threads, library version), for logs. */
    default String describe() {
        return name();
    }

    /**
     * The device this backend computes on: never {@link Device.Auto}, which the backend resolves when it starts (as
     * {@link #describe} does). The CPU unless the backend says otherwise.
     */
    default Device device() {
        return new Device.Cpu();
    }
}
