package io.textclf.nd4j;

import io.textclf.domain.backend.BackendException;
import io.textclf.domain.backend.BackendSettings;
import io.textclf.domain.backend.ComputeBackend;
import io.textclf.domain.backend.Device;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.train.Optimizer;
import io.textclf.domain.train.OptimizerSpec;
import java.nio.file.Path;

/**
 * The compute backend {@code nd4j}: the tutorial's model on ND4J (Deeplearning4j's arrays) in native
 * memory on the CPU, with the same results as the reference backend within float rounding.
 *
 * <p>Cheap to construct: ND4J and its native libraries load on the first {@link #trainable} or
 * {@link #describe}. Runs on the CPU only: the device setting must be {@code cpu} or {@code auto}.
 */
public final class Nd4jBackend implements ComputeBackend {

    public static final String NAME = "nd4j";

    private final Path cacheDir;

    /**
     * @throws BackendException when the device is a GPU: this backend runs on the CPU only
     */
    public Nd4jBackend(BackendSettings settings) {
        if (settings.device() instanceof Device.Cuda) {
            throw BackendException.deviceUnavailable(NAME, settings.device(), "it runs on the CPU only "
                    + "(nd4j-native); use device cpu or auto, or backend djl from a build with -Pcuda for a GPU "
                    + "(docs/backends.md, section ND4J, explains why there is no ND4J CUDA build)");
        }
        this.cacheDir = settings.cacheFolder("javacpp");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TrainableModel trainable(StateDict initial) {
        Nd4jRuntime.start(cacheDir);
        return new Nd4jModel(initial);
    }

    @Override
    public Optimizer optimizer(OptimizerSpec spec, TrainableModel model) {
        if (!(model instanceof Nd4jModel nd4j)) {
            throw new IllegalArgumentException("the nd4j backend optimizes its own models only, got "
                    + model.getClass().getName());
        }
        if (spec instanceof OptimizerSpec.Sgd) {
            return nd4j::sgdStep;
        }
        throw new UnsupportedOperationException("the nd4j backend implements SGD only, not " + spec.describe()
                + "; train on the reference backend (backend reference) for that optimizer");
    }

    @Override
    public String describe() {
        return Nd4jRuntime.start(cacheDir);
    }
}
