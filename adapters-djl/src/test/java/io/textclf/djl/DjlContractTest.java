package io.textclf.djl;

import ai.djl.engine.Engine;
import io.textclf.backendkit.BackendContract;
import io.textclf.domain.backend.BackendFactory;
import io.textclf.domain.backend.Device;
import java.util.List;

/** The djl backend passes the backend contract: SGD only; the GPUs libtorch does not see are refused. */
class DjlContractTest extends BackendContract {

    @Override
    protected BackendFactory factory() {
        return new DjlBackendFactory();
    }

    @Override
    protected List<Device> devicesItLacks() {
        return List.of(new Device.Cuda(Engine.getEngine(DjlRuntime.ENGINE).getGpuCount()));
    }
}
