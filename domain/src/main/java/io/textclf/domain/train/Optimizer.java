package io.textclf.domain.train;

/**
 * Port: updates a model's parameters from the gradients of its last backward pass.
 *
 * <p>Bound to one model by {@link io.textclf.domain.model.ComputeBackend#optimizer}; holds whatever
 * state its rule needs (none for plain SGD). Not thread-safe.
 */
public interface Optimizer {

    /**
     * Applies one update.
     *
     * @param learningRate the step size for this step (from the {@link Scheduler}), positive
     */
    void step(double learningRate);
}
