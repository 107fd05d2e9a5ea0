package io.textclf.domain.train;

import java.io.Serializable;

/**
 * Which update rule to use, as data, so that each backend can implement it on its own memory.
 *
 * <p>Every rule is PyTorch 1.13's, on the dense gradient that {@code EmbeddingBag(sparse=False)}
 * produces (the tutorial's setting). A backend that does not implement a rule throws
 * {@link UnsupportedOperationException} from {@link io.textclf.domain.backend.ComputeBackend#optimizer}. Serializable,
 * so that a distributed run (Spark) ships the spec itself to its workers.
 */
public sealed interface OptimizerSpec extends Serializable {

    /** Short name used on the command line and in model files: {@code sgd}, {@code adagrad}, {@code adam}. */
    String name();

    /** The rule's settings in PyTorch's words, e.g. {@code Adam(betas=(0.9, 0.999), eps=1e-08, weight_decay=0)}. */
    String describe();

    /** Plain stochastic gradient descent, PyTorch's {@code SGD(params, lr)}: {@code p -= lr * grad}. */
    record Sgd() implements OptimizerSpec {
        @Override
        public String name() {
            return "sgd";
        }

        @Override
        public String describe() {
            return "SGD()";
        }
    }

    /**
     * PyTorch's {@code SGD(params, lr, momentum, dampening, weight_decay, nesterov)}: {@code g += wd * p};
     * {@code b = g} on the first step, else {@code b = momentum * b + (1 - dampening) * g}; {@code g = g +
     * momentum * b} with Nesterov, else {@code g = b}; {@code p -= lr * g}.
     *
     * @param momentum    in [0, 1)
     * @param dampening   in [0, 1]
     * @param weightDecay L2 penalty, at least 0
     * @param nesterov    Nesterov momentum; needs momentum > 0 and dampening 0, as in PyTorch
     */
    record SgdMomentum(double momentum, double dampening, double weightDecay, boolean nesterov)
            implements OptimizerSpec {
        public SgdMomentum {
            require(momentum >= 0 && momentum < 1, "momentum", "must be in [0, 1), was " + momentum);
            require(dampening >= 0 && dampening <= 1, "dampening", "must be in [0, 1], was " + dampening);
            require(weightDecay >= 0 && Double.isFinite(weightDecay), "weight-decay",
                    "must be at least 0, was " + weightDecay);
            require(!nesterov || (momentum > 0 && dampening == 0), "Nesterov momentum needs momentum > 0 and "
                    + "dampening 0");
        }

        @Override
        public String name() {
            return "sgd";
        }

        @Override
        public String describe() {
            return "SGD(momentum=" + momentum + ", dampening=" + dampening + ", weight_decay=" + weightDecay
                    + ", nesterov=" + (nesterov ? "True" : "False") + ")";
        }
    }

    /**
     * PyTorch's {@code Adagrad(params, lr, lr_decay, weight_decay, initial_accumulator_value, eps)}:
     * {@code clr = lr / (1 + (t - 1) * lr_decay)}; {@code g += wd * p}; {@code s += g * g};
     * {@code p -= clr * g / (sqrt(s) + eps)}.
     *
     * @param lrDecay                 at least 0 (PyTorch: 0)
     * @param weightDecay             at least 0 (PyTorch: 0)
     * @param initialAccumulatorValue starting value of {@code s}, at least 0 (PyTorch: 0)
     * @param eps                     positive (PyTorch: 1e-10)
     */
    record Adagrad(double lrDecay, double weightDecay, double initialAccumulatorValue, double eps)
            implements OptimizerSpec {
        public Adagrad {
            require(lrDecay >= 0 && Double.isFinite(lrDecay), "lr-decay", "must be at least 0, was " + lrDecay);
            require(weightDecay >= 0 && Double.isFinite(weightDecay), "weight-decay",
                    "must be at least 0, was " + weightDecay);
            require(initialAccumulatorValue >= 0 && Double.isFinite(initialAccumulatorValue),
                    "initial-accumulator", "must be at least 0, was " + initialAccumulatorValue);
            require(eps > 0 && Double.isFinite(eps), "eps", "must be positive, was " + eps);
        }

        /** PyTorch's defaults. */
        public static Adagrad defaults() {
            return new Adagrad(0, 0, 0, 1e-10);
        }

        @Override
        public String name() {
            return "adagrad";
        }

        @Override
        public String describe() {
            return "Adagrad(lr_decay=" + lrDecay + ", weight_decay=" + weightDecay + ", initial_accumulator_value="
                    + initialAccumulatorValue + ", eps=" + eps + ")";
        }
    }

    /**
     * PyTorch's {@code Adam(params, lr, betas=(beta1, beta2), eps, weight_decay)} (not AMSGrad):
     * {@code g += wd * p}; {@code m = beta1 * m + (1 - beta1) * g}; {@code v = beta2 * v + (1 - beta2) * g * g};
     * {@code p -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)}.
     *
     * @param beta1       in [0, 1) (PyTorch: 0.9)
     * @param beta2       in [0, 1) (PyTorch: 0.999)
     * @param eps         positive (PyTorch: 1e-8)
     * @param weightDecay L2 penalty added to the gradient, at least 0 (PyTorch: 0)
     */
    record Adam(double beta1, double beta2, double eps, double weightDecay) implements OptimizerSpec {
        public Adam {
            require(beta1 >= 0 && beta1 < 1, "beta1", "must be in [0, 1), was " + beta1);
            require(beta2 >= 0 && beta2 < 1, "beta2", "must be in [0, 1), was " + beta2);
            require(eps > 0 && Double.isFinite(eps), "eps", "must be positive, was " + eps);
            require(weightDecay >= 0 && Double.isFinite(weightDecay), "weight-decay",
                    "must be at least 0, was " + weightDecay);
        }

        /** PyTorch's defaults. */
        public static Adam defaults() {
            return new Adam(0.9, 0.999, 1e-8, 0);
        }

        @Override
        public String name() {
            return "adam";
        }

        @Override
        public String describe() {
            return "Adam(betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ", weight_decay=" + weightDecay + ")";
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void require(boolean condition, String setting, String problem) {
        if (!condition) {
            throw new InvalidSettingException(setting, problem);
        }
    }
}
