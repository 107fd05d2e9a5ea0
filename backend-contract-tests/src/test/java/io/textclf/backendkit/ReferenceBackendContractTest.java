package io.textclf.backendkit;

import io.textclf.domain.backend.BackendFactory;
import io.textclf.domain.reference.ReferenceBackendFactory;
import io.textclf.domain.train.OptimizerSpec;
import java.util.Set;

/** The reference backend passes the contract it sets: every optimizer, the CPU only. */
class ReferenceBackendContractTest extends BackendContract {

    @Override
    protected BackendFactory factory() {
        return new ReferenceBackendFactory();
    }

    @Override
    protected Set<Class<? extends OptimizerSpec>> optimizers() {
        return Set.of(OptimizerSpec.Sgd.class, OptimizerSpec.SgdMomentum.class, OptimizerSpec.Adagrad.class,
                OptimizerSpec.Adam.class);
    }
}
