package io.textclf.domain.train;

import io.textclf.domain.model.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an optimizer remembers between steps, for checkpoints: the number of steps taken and its
 * buffers by name, {@code <parameter>.<buffer>} with PyTorch's buffer names (for example
 * {@code embedding.weight.exp_avg}), each shaped like its parameter.
 *
 * @param steps   optimizer steps taken so far, at least 0
 * @param buffers buffers by name, in a stable order
 */
public record OptimizerState(long steps, Map<String, Tensor> buffers) {

    /** The state of a rule that remembers nothing, such as plain SGD. */
    public static final OptimizerState NONE = new OptimizerState(0, Map.of());

    public OptimizerState {
        if (steps < 0) {
            throw new IllegalArgumentException("optimizer steps must be at least 0, was " + steps);
        }
        buffers = Collections.unmodifiableMap(new LinkedHashMap<>(buffers));
    }

    public boolean isEmpty() {
        return steps == 0 && buffers.isEmpty();
    }
}
