package io.textclf.nd4j;

import io.textclf.backendkit.BackendContract;
import io.textclf.domain.backend.BackendFactory;
import io.textclf.domain.backend.Device;
import java.util.List;

/** The nd4j backend passes the backend contract: SGD only, the CPU only. */
class Nd4jContractTest extends BackendContract {

    @Override
    protected BackendFactory factory() {
        return new Nd4jBackendFactory();
    }

    @Override
    protected List<Device> devicesItLacks() {
        return List.of(new Device.Cuda(0), new Device.Cuda(1));
    }
}
