package io.textclf.domain.train;

/**
 * Which update rule to use, as data, so that each backend can implement it on its own memory.
 */
public sealed interface OptimizerSpec {

    /** Plain stochastic gradient descent, PyTorch's {@code SGD(params, lr)}: {@code p -= lr * grad}. */
    record Sgd() implements OptimizerSpec {
    }
}
