package io.textclf.djl;

import io.textclf.domain.backend.BackendSettings;
import io.textclf.domain.backend.ComputeBackend;
import io.textclf.domain.backend.Device;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.train.Optimizer;
import io.textclf.domain.train.OptimizerSpec;
import java.nio.file.Path;

/**
 * The {@code djl} backend: the tutorial's model on DJL NDArrays with the PyTorch engine, on the CPU
 * or a CUDA GPU as the settings' {@link Device} says.
 *
 * <p>Constructing it only reads the settings; libtorch loads on the first {@link #trainable},
 * {@link #inference} or {@link #describe}, which fail with a message naming the fix when the device
 * cannot be used. DJL's cache folder defaults to {@code <cache.dir>/djl} unless {@code DJL_CACHE_DIR}
 * or {@code ENGINE_CACHE_DIR} says otherwise. Thread-safe.
 */
public final class DjlBackend implements ComputeBackend {

    public static final String NAME = "djl";

    private final Device request;
    private final Path defaultCacheDir;
    private volatile DjlRuntime runtime;

    public DjlBackend(BackendSettings settings) {
        this.request = settings.device();
        this.defaultCacheDir = settings.cacheFolder(NAME);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TrainableModel trainable(StateDict initial) {
        return new DjlModel(runtime().newModelManager(), initial);
    }

    @Override
    public Optimizer optimizer(OptimizerSpec spec, TrainableModel model) {
        if (!(model instanceof DjlModel djl)) {
            throw new IllegalArgumentException("the djl backend optimizes its own models only, got "
                    + model.getClass().getName());
        }
        if (spec instanceof OptimizerSpec.Sgd) {
            return djl::sgdStep;
        }
        throw new UnsupportedOperationException("the djl backend implements SGD only, not " + spec.describe()
                + "; train on the reference backend (backend reference) for that optimizer");
    }

    @Override
    public String describe() {
        return runtime().description();
    }

    @Override
    public Device device() {
        return runtime().device();
    }

    private DjlRuntime runtime() {
        DjlRuntime started = runtime;
        if (started == null) {
            synchronized (this) {
                started = runtime;
                if (started == null) {
                    started = DjlRuntime.start(request, defaultCacheDir);
                    runtime = started;
                }
            }
        }
        return started;
    }
}
