package io.textclf.domain.train;

import io.textclf.domain.backend.ComputeBackend;

/**
 * Port: updates a model's parameters from the gradients of its last backward pass.
 *
 * <p>Bound to one model by {@link io.textclf.domain.backend.ComputeBackend#optimizer}; holds whatever
 * state its rule needs (none for plain SGD). Not thread-safe.
 */
public interface Optimizer {

    /**
     * Applies one update.
     *
     * @param learningRate the step size for this step (from the {@link Scheduler}): positive, or zero where the
     *                     schedule's rule reaches zero (cosine annealing to a minimum of 0), which leaves the
     *                     parameters as they are under plain SGD
     */
    void step(double learningRate);

    /** A copy of the rule's state, for a checkpoint; {@link OptimizerState#NONE} for a stateless rule. */
    default OptimizerState state() {
        return OptimizerState.NONE;
    }

    /**
     * Continues from a state that {@link #state()} returned for the same rule and model shape.
     *
     * @throws IllegalArgumentException when the state does not fit this rule or model
     */
    default void load(OptimizerState state) {
        if (!state.isEmpty()) {
            throw new IllegalArgumentException("this optimizer keeps no state, but the checkpoint holds "
                    + state.buffers().keySet() + " after " + state.steps() + " steps");
        }
    }
}
