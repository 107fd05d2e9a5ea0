package io.textclf.grpc;

import io.textclf.application.serve.ModelRegistry;
import io.textclf.application.serve.ServedModel;
import io.textclf.proto.v1.ModelSpec;
import java.util.OptionalLong;

/** Resolves a request's {@link ModelSpec} against the registry, and describes a served model as one. */
final class ModelSpecs {

    private ModelSpecs() {
    }

    static ServedModel resolve(ModelRegistry registry, ModelSpec spec) {
        OptionalLong version = OptionalLong.empty();
        if (spec.hasVersion()) {
            if (spec.getVersion() < 1) {
                throw new IllegalArgumentException("model_spec.version must be at least 1, was " + spec.getVersion());
            }
            version = OptionalLong.of(spec.getVersion());
        }
        return registry.resolve(spec.getName(), version);
    }

    static ModelSpec of(ServedModel model) {
        return ModelSpec.newBuilder().setName(model.name()).setVersion(model.version()).build();
    }
}
